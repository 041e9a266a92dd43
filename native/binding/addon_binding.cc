#include "addon_binding.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "../kernels/histogram.h"
#include "../kernels/map.h"
#include "../kernels/random.h"
#include "../kernels/reduce.h"
#include "../kernels/scans.h"
#include "../kernels/simd.h"
#include "../pool/thread_pool.h"
#include "errors.h"

namespace corepool {
namespace {

// Random kinds and histogram modes are enums, not X-macro lists; the asserts
// tie each name here to the value the wire sends.
constexpr std::array<const char*, kRandomKindCount> kRandomKinds = {"uniform", "normal", "integers"};
static_assert(static_cast<int>(RandomKind::kUniform) == 0 && static_cast<int>(RandomKind::kNormal) == 1 &&
              static_cast<int>(RandomKind::kIntegers) == 2);
constexpr std::array<const char*, 3> kHistModes = {"uniform", "edges", "bincount"};
static_assert(static_cast<int>(HistMode::kUniform) == 0 && static_cast<int>(HistMode::kEdges) == 1 &&
              static_cast<int>(HistMode::kBincount) == 2);

constexpr std::array kScans = {
#define COREPOOL_SCAN(name, stem) #name,
#include "../kernels/scans.def"
#undef COREPOOL_SCAN
};
static_assert(kScans.size() == static_cast<std::size_t>(ScanOp::kCount));

constexpr std::array kExports = {
#define COREPOOL_EXPORT(js_name, Function, takes_state) #js_name,
#include "exports.def"
#undef COREPOOL_EXPORT
};

using Table = std::pair<const char*, std::vector<std::string>>;

// In the order src/backend/binding_check.ts hashes them.
std::vector<Table> Tables() {
  std::vector<Table> tables = {{"reduce", {}}, {"map", {}}, {"scan", {}}, {"random", {}}, {"hist", {}}};
  for (std::size_t i = 0; i < ReduceKernelCount(); ++i) tables[0].second.emplace_back(FindReduceKernel(i)->name);
  for (std::size_t i = 0; i < MapKernelCount(); ++i) tables[1].second.emplace_back(FindMapKernel(i)->name);
  tables[2].second.assign(kScans.begin(), kScans.end());
  tables[3].second.assign(kRandomKinds.begin(), kRandomKinds.end());
  tables[4].second.assign(kHistModes.begin(), kHistModes.end());
  return tables;
}

// "key:name,name,...\n" per table, then "exports:...\n".
std::string ManifestText() {
  std::string text;
  auto append = [&text](const char* key, const std::vector<std::string>& names) {
    text += key;
    text += ':';
    for (std::size_t i = 0; i < names.size(); ++i) text += (i == 0 ? "" : ",") + names[i];
    text += '\n';
  };
  for (const auto& [key, names] : Tables()) append(key, names);
  append("exports", std::vector<std::string>(kExports.begin(), kExports.end()));
  return text;
}

std::uint32_t Fnv1a(const std::string& text) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace

Napi::Value PoolConfigure(const Napi::CallbackInfo& info) {
  double threads = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : 0;
  if (!(threads >= 0 && threads <= 4096)) {
    throw CodedRangeError(info.Env(), kErrOutOfRange, "threads must be an integer from 0 to 4096");
  }
  return Napi::Number::New(info.Env(), static_cast<double>(ThreadPool::Configure(static_cast<std::size_t>(threads))));
}

Napi::Value PoolInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("threads", Napi::Number::New(env, static_cast<double>(ThreadPool::Shared().size())));
  out.Set("simd", Napi::String::New(env, SimdLevel()));
  out.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
  return out;
}

Napi::Value KernelNames(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  for (const auto& [key, names] : Tables()) {
    Napi::Array list = Napi::Array::New(env, names.size());
    for (std::size_t i = 0; i < names.size(); ++i) list.Set(static_cast<uint32_t>(i), names[i]);
    out.Set(key, list);
  }
  return out;
}

Napi::Value BuildId(const Napi::CallbackInfo& info) {
  char hash[9];
  std::snprintf(hash, sizeof hash, "%08x", static_cast<unsigned>(Fnv1a(ManifestText())));
  return Napi::String::New(info.Env(), "abi" + std::to_string(kBindingAbiVersion) + "-" + hash);
}

}  // namespace corepool
