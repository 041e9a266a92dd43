// The expression VM's inner loop. A block is cut into chunks of kExprChunk
// elements and every instruction runs its map loop over the chunk, reading
// registers (chunk buffers), bindings (in place when flat and of the compute
// dtype, else gathered and/or cast into a buffer, as map_engine.cc and
// map_strided.cc do) and scalars (filled once per block). The per-chunk cost
// beyond the loops is a handful of pointer picks: no dispatch but the loop
// pointer, and no copy of a flat binding already in the compute dtype.
#include "expr_vm.h"

#include <cstring>
#include <memory>
#include <type_traits>
#include <utility>

#include "lanes.h"

namespace corepool {
namespace {

constexpr std::size_t kLineBytes = 64;
// One chunk of the widest dtype: every buffer slot has this size.
constexpr std::size_t kSlotBytes = kExprChunk * sizeof(double);

std::size_t SizeOf(Dtype t) {
  return VisitDtype(t, [](auto tag) { return sizeof(tag); });
}

/// Per-thread memory, grown to the largest program seen and then reused: a
/// block allocates nothing.
class Scratch {
 public:
  unsigned char* Get(std::size_t bytes) {
    if (bytes > capacity_) {
      storage_.reset(new unsigned char[bytes + kLineBytes]);
      capacity_ = bytes;
    }
    const auto addr = reinterpret_cast<std::uintptr_t>(storage_.get());
    return storage_.get() + (kLineBytes - addr % kLineBytes) % kLineBytes;
  }

 private:
  std::unique_ptr<unsigned char[]> storage_;
  std::size_t capacity_ = 0;
};

thread_local Scratch tls_scratch;

/// A block's scratch, cut into slots of kSlotBytes.
struct Frame {
  unsigned char* regs;      // n_registers + 1 (the spare)
  unsigned char* inputs;    // kMaxMapInputs: operands cast to the compute dtype
  unsigned char* out;       // 1: a strided binding 0's results before scattering
  unsigned char* gathered;  // n_bindings: strided bindings, gathered in their own dtype
  unsigned char* scalars;   // n_scalars: filled once per block
  unsigned char* block;     // reduce mode: kExprBlock values of the result register
};

void* Slot(unsigned char* base, int index) {
  return base + static_cast<std::size_t>(index) * kSlotBytes;
}

Frame Layout(const ExprProgram& p) {
  const std::size_t slots =
      static_cast<std::size_t>(p.n_registers + 1 + kMaxMapInputs + 1 + p.n_bindings + p.n_scalars);
  const std::size_t block_bytes = p.mode == ExprMode::kReduce ? kExprBlock * sizeof(double) : 0;
  unsigned char* base = tls_scratch.Get(slots * kSlotBytes + block_bytes);
  Frame f;
  f.regs = base;
  f.inputs = static_cast<unsigned char*>(Slot(f.regs, p.n_registers + 1));
  f.out = static_cast<unsigned char*>(Slot(f.inputs, kMaxMapInputs));
  f.gathered = static_cast<unsigned char*>(Slot(f.out, 1));
  f.scalars = static_cast<unsigned char*>(Slot(f.gathered, p.n_bindings));
  f.block = static_cast<unsigned char*>(Slot(f.scalars, p.n_scalars));
  return f;
}

/// Casts n contiguous values (exact casts only: IsSafeCast).
void Convert(Dtype from, const void* src, Dtype to, void* dst, std::size_t n) {
  VisitDtype(to, [&](auto to_tag) {
    using To = decltype(to_tag);
    VisitDtype(from, [&](auto from_tag) {
      using From = decltype(from_tag);
      const From* s = static_cast<const From*>(src);
      To* d = static_cast<To*>(dst);
      for (std::size_t i = 0; i < n; ++i) d[i] = static_cast<To>(s[i]);
    });
  });
}

void FillScalar(const ExprScalar& s, void* dst, std::size_t n) {
  VisitDtype(s.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T v = static_cast<T>(s.value);
    T* d = static_cast<T*>(dst);
    for (std::size_t i = 0; i < n; ++i) d[i] = v;
  });
}

/// A strided binding as the one operand of a geometry over the program's
/// shape (built per chunk: cheap next to the gather it serves).
Geometry LayoutOf(const ExprProgram& p, const ExprBinding& b) {
  Geometry g;
  g.ndim = p.ndim;
  g.operands = 1;
  g.offset[0] = b.offset;
  for (int d = 0; d < p.ndim; ++d) {
    g.shape[d] = p.shape[d];
    g.strides[0][d] = b.strides[d];
  }
  return g;
}

/// Elements [lo, lo + n) of a strided binding, contiguous in its dtype: in
/// place when they form one unit-stride run, else copied into `buffer`.
const void* GatherBinding(const ExprProgram& p, const ExprBinding& b, std::size_t lo, std::size_t n, void* buffer) {
  const std::size_t size = SizeOf(b.dtype);
  const std::int64_t stride = b.strides[p.ndim - 1];
  const void* direct = nullptr;
  std::size_t done = 0;
  ForEachSegment(LayoutOf(p, b), lo, lo + n, [&](const std::int64_t* pos, std::size_t m) {
    const auto* at = static_cast<const unsigned char*>(b.data) + pos[0] * static_cast<std::int64_t>(size);
    if (m == n && stride == 1) {
      direct = at;
      return;
    }
    VisitDtype(b.dtype, [&](auto tag) {
      using T = decltype(tag);
      const T* s = reinterpret_cast<const T*>(at);
      T* d = static_cast<T*>(buffer) + done;
      for (std::size_t i = 0; i < m; ++i) d[i] = s[static_cast<std::int64_t>(i) * stride];
    });
    done += m;
  });
  return direct != nullptr ? direct : buffer;
}

void ScatterBinding(const ExprProgram& p, const ExprBinding& b, const void* src, std::size_t lo, std::size_t n) {
  const std::int64_t stride = b.strides[p.ndim - 1];
  std::size_t done = 0;
  ForEachSegment(LayoutOf(p, b), lo, lo + n, [&](const std::int64_t* pos, std::size_t m) {
    VisitDtype(b.dtype, [&](auto tag) {
      using T = decltype(tag);
      const T* s = static_cast<const T*>(src) + done;
      T* d = static_cast<T*>(b.data) + pos[0];
      for (std::size_t i = 0; i < m; ++i) d[static_cast<std::int64_t>(i) * stride] = s[i];
    });
    done += m;
  });
}

/// One chunk, elements [lo, lo + n): where each register and binding is
/// read from, and the instructions run over it. Registers live in `phys_`
/// slots; a write to a register the instruction reads in place goes to the
/// spare slot, which then takes the register's place (map loops may assume
/// out does not overlap their inputs).
class Chunk {
 public:
  Chunk(const ExprProgram& p, const Frame& f, std::size_t lo, std::size_t n, void* result_slot)
      : p_(p), f_(f), lo_(lo), n_(n), result_slot_(result_slot), spare_(Slot(f.regs, p.n_registers)) {
    for (int r = 0; r < p.n_registers; ++r) phys_[r] = Slot(f.regs, r);
    if (result_slot != nullptr) phys_[p.result] = result_slot;
  }

  void Run(const ExprInstruction& ins) {
    const void* in[kMaxMapInputs] = {nullptr, nullptr, nullptr};
    const bool aliased = Inputs(ins, in);
    Write(ins, in, aliased);
  }

  /// Where register r's values for this chunk are, after the instructions ran.
  [[nodiscard]] const void* Register(int r) const { return phys_[r]; }

 private:
  const void* Binding(int index) {
    const ExprBinding& b = p_.bindings[index];
    if (b.flat) {
      const auto at = static_cast<std::size_t>(b.offset) + lo_;
      return static_cast<const unsigned char*>(b.data) + at * SizeOf(b.dtype);
    }
    if (read_[index] == nullptr) read_[index] = GatherBinding(p_, b, lo_, n_, Slot(f_.gathered, index));
    return read_[index];
  }

  /// Points in[k] at operand k in the compute dtype; true when the
  /// destination register is among them, read in place.
  bool Inputs(const ExprInstruction& ins, const void** in) {
    bool aliased = false;
    for (int k = 0; k < ins.arity; ++k) {
      const ExprOperand& op = ins.operands[k];
      if (op.kind == ExprOperandKind::kScalar) {
        in[k] = Slot(f_.scalars, op.index);
        continue;
      }
      const bool reg = op.kind == ExprOperandKind::kRegister;
      const void* src = reg ? phys_[op.index] : Binding(op.index);
      const Dtype dtype = reg ? p_.registers[op.index] : p_.bindings[op.index].dtype;
      if (dtype == ins.plan.compute) {
        in[k] = src;
        aliased = aliased || (reg && op.index == ins.dst);
      } else {
        Convert(dtype, src, ins.plan.compute, Slot(f_.inputs, k), n_);
        in[k] = Slot(f_.inputs, k);
      }
    }
    return aliased;
  }

  void Write(const ExprInstruction& ins, const void* const* in, bool aliased) {
    if (ins.dst < 0) {
      const ExprBinding& b = p_.bindings[0];
      if (b.flat) {
        const auto at = static_cast<std::size_t>(b.offset) + lo_;
        ins.plan.loop(in, static_cast<unsigned char*>(b.data) + at * SizeOf(b.dtype), n_);
      } else {
        ins.plan.loop(in, f_.out, n_);
        ScatterBinding(p_, b, f_.out, lo_, n_);
      }
    } else if (!aliased) {
      ins.plan.loop(in, phys_[ins.dst], n_);
    } else if (phys_[ins.dst] == result_slot_) {
      ins.plan.loop(in, spare_, n_);
      std::memcpy(result_slot_, spare_, n_ * SizeOf(ins.dst_dtype));
    } else {
      ins.plan.loop(in, spare_, n_);
      std::swap(phys_[ins.dst], spare_);
    }
  }

  const ExprProgram& p_;
  const Frame& f_;
  std::size_t lo_;
  std::size_t n_;
  void* result_slot_;
  void* spare_;
  void* phys_[kExprMaxRegisters];
  const void* read_[kExprMaxBindings] = {};
};

/// The binding whose address the chunks align to: the output in store mode,
/// else the first flat input; null when none is flat.
const ExprBinding* Anchor(const ExprProgram& p) {
  if (p.mode == ExprMode::kStore) return p.bindings[0].flat ? &p.bindings[0] : nullptr;
  for (int b = 0; b < p.n_bindings; ++b) {
    if (p.bindings[b].flat) return &p.bindings[b];
  }
  return nullptr;
}

}  // namespace

std::size_t ExprBlockCount(const ExprProgram& program) {
  return (program.size + kExprBlock - 1) / kExprBlock;
}

namespace {

/// sum and mean reduce a block with SumBlock: lanes for floats (lanes.h),
/// an exact int64 total for integers. Both can take the block a chunk at a
/// time, so their programs never store the block (the others do).
bool SumsByChunk(const ExprProgram& p) {
  return p.mode == ExprMode::kReduce &&
         (std::strcmp(p.reduce->name, "sum") == 0 || std::strcmp(p.reduce->name, "mean") == 0);
}

/// Adds a chunk of the result register to the block's running sum.
void SumChunk(Dtype dtype, const void* values, std::size_t at, std::size_t n, LaneSummer* lanes, std::int64_t* exact) {
  VisitDtype(dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* v = static_cast<const T*>(values);
    if constexpr (std::is_floating_point_v<T>) {
      lanes->Add(at, n, [v](std::size_t j) { return static_cast<double>(v[j]); });
    } else {
      std::int64_t total = 0;
      for (std::size_t j = 0; j < n; ++j) total += v[j];
      *exact += total;
    }
  });
}

}  // namespace

void RunExprBlock(const ExprProgram& p, std::size_t block, Partial* partial) {
  const std::size_t begin = block * kExprBlock;
  const std::size_t end = begin + kExprBlock < p.size ? begin + kExprBlock : p.size;
  if (begin >= end) return;
  const Frame f = Layout(p);
  const std::size_t most = end - begin < kExprChunk ? end - begin : kExprChunk;
  for (int s = 0; s < p.n_scalars; ++s) FillScalar(p.scalars[s], Slot(f.scalars, s), most);
  // As in RunMapBlock: a short first chunk puts later chunks on cache-line
  // boundaries of the anchor (inputs are usually aligned alike). Elementwise,
  // and a reduction sees the whole block at once, so no result changes.
  std::size_t head = 0;
  if (const ExprBinding* anchor = Anchor(p)) {
    const std::size_t size = SizeOf(anchor->dtype);
    const auto addr =
        reinterpret_cast<std::uintptr_t>(anchor->data) + (static_cast<std::size_t>(anchor->offset) + begin) * size;
    head = (kLineBytes - addr % kLineBytes) % kLineBytes / size;
  }
  const bool streamed = SumsByChunk(p);
  const bool stored = p.mode == ExprMode::kReduce && !streamed;
  const std::size_t result_size = stored ? SizeOf(p.registers[p.result]) : 0;
  LaneSummer lanes(end - begin);
  std::int64_t exact = 0;
  for (std::size_t lo = begin; lo < end;) {
    const std::size_t want = lo == begin && head != 0 ? head : kExprChunk;
    const std::size_t n = end - lo < want ? end - lo : want;
    Chunk chunk(p, f, lo, n, stored ? f.block + (lo - begin) * result_size : nullptr);
    for (int i = 0; i < p.n_instructions; ++i) chunk.Run(p.instructions[i]);
    if (streamed) SumChunk(p.registers[p.result], chunk.Register(p.result), lo - begin, n, &lanes, &exact);
    lo += n;
  }
  if (partial == nullptr) return;
  if (streamed) {
    // SumBlock's partial, bit for bit: the lanes' total for floats, the exact total for integers.
    *partial = Partial{};
    if (IsFloat(p.registers[p.result])) {
      partial->value = lanes.Total();
    } else {
      partial->exact = exact;
    }
  } else if (stored) {
    Operand values;
    values.data = f.block;
    values.length = end - begin;
    values.dtype = p.registers[p.result];
    *partial = p.reduce->block(&values, 0, end - begin);
  }
}

}  // namespace corepool
