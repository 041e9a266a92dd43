#include "addon.h"

#include "binding/errors.h"
#include "binding/histogram_binding.h"
#include "binding/linalg_binding.h"
#include "binding/map_binding.h"
#include "binding/reduce_binding.h"
#include "binding/scan_binding.h"
#include "binding/sort_binding.h"
#include "binding/random_binding.h"
#include "kernels/map.h"
#include "kernels/reduce.h"
#include "kernels/simd.h"
#include "pool/thread_pool.h"

namespace corepool {

CorepoolAddon::CorepoolAddon(Napi::Env env, Napi::Object exports) : state_(env) {
  // Runs before napi's own teardown (hooks run in reverse order), while the
  // buffers our jobs read are still alive.
  env.AddCleanupHook([this] { state_.Cleanup(); });
  DefineAddon(exports, {
                           InstanceMethod("pool_configure", &CorepoolAddon::PoolConfigure),
                           InstanceMethod("pool_info", &CorepoolAddon::PoolInfo),
                           InstanceMethod("kernel_names", &CorepoolAddon::KernelNames),
                           InstanceMethod("reduce_async", &CorepoolAddon::ReduceAsyncMethod),
                           InstanceMethod("reduce_sync", &CorepoolAddon::ReduceSyncMethod),
                           InstanceMethod("map_async", &CorepoolAddon::MapAsyncMethod),
                           InstanceMethod("map_sync", &CorepoolAddon::MapSyncMethod),
                           InstanceMethod("scan_async", &CorepoolAddon::ScanAsyncMethod),
                           InstanceMethod("scan_sync", &CorepoolAddon::ScanSyncMethod),
                           InstanceMethod("hist_async", &CorepoolAddon::HistAsyncMethod),
                           InstanceMethod("hist_sync", &CorepoolAddon::HistSyncMethod),
                           InstanceMethod("random_async", &CorepoolAddon::RandomAsyncMethod),
                           InstanceMethod("random_sync", &CorepoolAddon::RandomSyncMethod),
                           InstanceMethod("sort_async", &CorepoolAddon::SortAsyncMethod),
                           InstanceMethod("sort_sync", &CorepoolAddon::SortSyncMethod),
                           InstanceMethod("argsort_async", &CorepoolAddon::ArgsortAsyncMethod),
                           InstanceMethod("argsort_sync", &CorepoolAddon::ArgsortSyncMethod),
                           InstanceMethod("partition_async", &CorepoolAddon::PartitionAsyncMethod),
                           InstanceMethod("partition_sync", &CorepoolAddon::PartitionSyncMethod),
                           InstanceMethod("topk_async", &CorepoolAddon::TopkAsyncMethod),
                           InstanceMethod("topk_sync", &CorepoolAddon::TopkSyncMethod),
                           InstanceMethod("searchsorted_async", &CorepoolAddon::SearchsortedAsyncMethod),
                           InstanceMethod("searchsorted_sync", &CorepoolAddon::SearchsortedSyncMethod),
                           InstanceMethod("gemm_async", &CorepoolAddon::GemmAsyncMethod),
                           InstanceMethod("gemm_sync", &CorepoolAddon::GemmSyncMethod),
                           InstanceMethod("gemv_async", &CorepoolAddon::GemvAsyncMethod),
                           InstanceMethod("gemv_sync", &CorepoolAddon::GemvSyncMethod),
                           InstanceMethod("transpose_async", &CorepoolAddon::TransposeAsyncMethod),
                           InstanceMethod("transpose_sync", &CorepoolAddon::TransposeSyncMethod),
                           InstanceMethod("outer_async", &CorepoolAddon::OuterAsyncMethod),
                           InstanceMethod("outer_sync", &CorepoolAddon::OuterSyncMethod),
                       });
}

Napi::Value CorepoolAddon::PoolConfigure(const Napi::CallbackInfo& info) {
  double threads = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : 0;
  if (!(threads >= 0 && threads <= 4096)) {
    throw CodedRangeError(info.Env(), kErrOutOfRange, "threads must be an integer from 0 to 4096");
  }
  return Napi::Number::New(info.Env(), static_cast<double>(ThreadPool::Configure(static_cast<std::size_t>(threads))));
}

Napi::Value CorepoolAddon::PoolInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("threads", Napi::Number::New(env, static_cast<double>(ThreadPool::Shared().size())));
  out.Set("simd", Napi::String::New(env, SimdLevel()));
  out.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
  return out;
}

Napi::Value CorepoolAddon::KernelNames(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array reduce = Napi::Array::New(env, ReduceKernelCount());
  for (std::size_t i = 0; i < ReduceKernelCount(); ++i) {
    reduce.Set(static_cast<uint32_t>(i), Napi::String::New(env, FindReduceKernel(i)->name));
  }
  Napi::Array map = Napi::Array::New(env, MapKernelCount());
  for (std::size_t i = 0; i < MapKernelCount(); ++i) {
    map.Set(static_cast<uint32_t>(i), Napi::String::New(env, FindMapKernel(i)->name));
  }
  Napi::Object names = Napi::Object::New(env);
  names.Set("reduce", reduce);
  names.Set("map", map);
  return names;
}

Napi::Value CorepoolAddon::ReduceAsyncMethod(const Napi::CallbackInfo& info) {
  return ReduceAsync(info, state_);
}

Napi::Value CorepoolAddon::ReduceSyncMethod(const Napi::CallbackInfo& info) { return ReduceSync(info); }

Napi::Value CorepoolAddon::MapAsyncMethod(const Napi::CallbackInfo& info) { return MapAsync(info, state_); }

Napi::Value CorepoolAddon::MapSyncMethod(const Napi::CallbackInfo& info) { return MapSync(info); }

Napi::Value CorepoolAddon::ScanAsyncMethod(const Napi::CallbackInfo& info) { return ScanAsync(info, state_); }

Napi::Value CorepoolAddon::ScanSyncMethod(const Napi::CallbackInfo& info) { return ScanSync(info); }

Napi::Value CorepoolAddon::HistAsyncMethod(const Napi::CallbackInfo& info) { return HistAsync(info, state_); }

Napi::Value CorepoolAddon::HistSyncMethod(const Napi::CallbackInfo& info) { return HistSync(info); }

Napi::Value CorepoolAddon::RandomAsyncMethod(const Napi::CallbackInfo& info) { return RandomAsync(info, state_); }

Napi::Value CorepoolAddon::RandomSyncMethod(const Napi::CallbackInfo& info) { return RandomSync(info); }
Napi::Value CorepoolAddon::SortAsyncMethod(const Napi::CallbackInfo& info) { return SortAsync(info, state_); }
Napi::Value CorepoolAddon::SortSyncMethod(const Napi::CallbackInfo& info) { return SortSync(info); }
Napi::Value CorepoolAddon::ArgsortAsyncMethod(const Napi::CallbackInfo& info) { return ArgsortAsync(info, state_); }
Napi::Value CorepoolAddon::ArgsortSyncMethod(const Napi::CallbackInfo& info) { return ArgsortSync(info); }
Napi::Value CorepoolAddon::PartitionAsyncMethod(const Napi::CallbackInfo& info) { return PartitionAsync(info, state_); }
Napi::Value CorepoolAddon::PartitionSyncMethod(const Napi::CallbackInfo& info) { return PartitionSync(info); }
Napi::Value CorepoolAddon::TopkAsyncMethod(const Napi::CallbackInfo& info) { return TopkAsync(info, state_); }
Napi::Value CorepoolAddon::TopkSyncMethod(const Napi::CallbackInfo& info) { return TopkSync(info); }
Napi::Value CorepoolAddon::SearchsortedAsyncMethod(const Napi::CallbackInfo& info) { return SearchsortedAsync(info, state_); }
Napi::Value CorepoolAddon::SearchsortedSyncMethod(const Napi::CallbackInfo& info) { return SearchsortedSync(info); }

Napi::Value CorepoolAddon::GemmAsyncMethod(const Napi::CallbackInfo& info) { return GemmAsync(info, state_); }

Napi::Value CorepoolAddon::GemmSyncMethod(const Napi::CallbackInfo& info) { return GemmSync(info); }

Napi::Value CorepoolAddon::GemvAsyncMethod(const Napi::CallbackInfo& info) { return GemvAsync(info, state_); }

Napi::Value CorepoolAddon::GemvSyncMethod(const Napi::CallbackInfo& info) { return GemvSync(info); }

Napi::Value CorepoolAddon::TransposeAsyncMethod(const Napi::CallbackInfo& info) {
  return TransposeAsync(info, state_);
}

Napi::Value CorepoolAddon::TransposeSyncMethod(const Napi::CallbackInfo& info) { return TransposeSync(info); }

Napi::Value CorepoolAddon::OuterAsyncMethod(const Napi::CallbackInfo& info) { return OuterAsync(info, state_); }

Napi::Value CorepoolAddon::OuterSyncMethod(const Napi::CallbackInfo& info) { return OuterSync(info); }

}  // namespace corepool

// The macro pastes the class name into an identifier, so it must be unqualified.
using corepool::CorepoolAddon;
NODE_API_ADDON(CorepoolAddon)
