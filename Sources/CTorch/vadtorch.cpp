// The C ABI declared in vadtorch.h, over ATen. Built as its own shared library (libvadtorch.so) by the
// Makefile, so the same Swift binaries can run against another libtorch (a CUDA build, say) by
// swapping this one file. Each entry point converts every C++ exception into a returned message.
#include "vadtorch.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <ATen/core/grad_mode.h>
#include <c10/util/Exception.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/version.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct vt_tensor_s {
  at::Tensor t;
};

namespace {

char *copy_message(const char *m) {
  std::string s(m ? m : "unknown error");
  // libtorch messages can carry a multi-line context; callers want the first, meaningful line.
  auto nl = s.find('\n');
  if (nl != std::string::npos) s.resize(nl);
  char *out = static_cast<char *>(std::malloc(s.size() + 1));
  if (out) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

#define VT_GUARD(...)                                                   \
  try {                                                                 \
    __VA_ARGS__;                                                               \
    return nullptr;                                                     \
  } catch (const c10::Error &e) {                                       \
    return copy_message(e.what_without_backtrace());                    \
  } catch (const std::exception &e) {                                   \
    return copy_message(e.what());                                      \
  } catch (...) {                                                       \
    return copy_message("unknown C++ exception");                       \
  }

vt_tensor wrap(at::Tensor t) { return new vt_tensor_s{std::move(t)}; }

c10::optional<at::Tensor> optional(vt_tensor t) {
  if (!t) return c10::nullopt;
  return t->t;
}

at::ScalarType scalar_type(int dtype) {
  switch (dtype) {
    case VT_U8: return at::kByte;
    case VT_F32: return at::kFloat;
    case VT_F16: return at::kHalf;
    case VT_BF16: return at::kBFloat16;
    case VT_I64: return at::kLong;
    case VT_BOOL: return at::kBool;
    case VT_F64: return at::kDouble;
    case VT_I32: return at::kInt;
  }
  throw std::invalid_argument("unknown dtype code " + std::to_string(dtype));
}

int dtype_code(at::ScalarType s) {
  switch (s) {
    case at::kByte: return VT_U8;
    case at::kFloat: return VT_F32;
    case at::kHalf: return VT_F16;
    case at::kBFloat16: return VT_BF16;
    case at::kLong: return VT_I64;
    case at::kBool: return VT_BOOL;
    case at::kDouble: return VT_F64;
    case at::kInt: return VT_I32;
    default: return -1;
  }
}

at::Device device(int kind, int64_t index) {
  if (kind == VT_CPU) return at::Device(at::kCPU);
  if (kind == VT_CUDA) {
    if (!at::hasCUDA()) throw std::runtime_error("this libtorch was built without CUDA, or no CUDA device is visible");
    return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
  }
  throw std::invalid_argument("unknown device kind " + std::to_string(kind));
}

at::IntArrayRef ints(const int64_t *p, int64_t n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }

int64_t reduction(int r) {
  switch (r) {
    case VT_REDUCE_NONE: return at::Reduction::None;
    case VT_REDUCE_MEAN: return at::Reduction::Mean;
    case VT_REDUCE_SUM: return at::Reduction::Sum;
  }
  throw std::invalid_argument("unknown loss reduction " + std::to_string(r));
}

// A transposed convolution is the input-gradient of the convolution with the same weight. libtorch
// before 2.0 has no oneDNN kernel for the former on the CPU and falls back to slow_conv_transpose2d,
// a per-sample loop of single-threaded matrix products; oneDNN does have the latter, and autograd
// differentiates it with oneDNN convolutions too. On 2 cores this made a ConvLSTM autoencoder's
// training step 1.5-3x faster (docs/models.md). A layer that paints the image itself (1-3 output
// channels) is the exception: there oneDNN's gradient, with too few channels to vectorise over, took
// 2-3x as long as the slow path (docs/models.md), so layers with under 16 output channels keep it.
// Later libtorch, other devices and dtypes keep ATen's own.
at::Tensor transposed_conv2d(const at::Tensor &x, const at::Tensor &w, const c10::optional<at::Tensor> &b,
                             at::IntArrayRef stride, at::IntArrayRef padding, at::IntArrayRef output_padding,
                             int64_t groups, at::IntArrayRef dilation) {
#if TORCH_VERSION_MAJOR < 2
  bool onednn_backward = x.device().is_cpu() && x.scalar_type() == at::kFloat && w.scalar_type() == at::kFloat &&
                         x.dim() == 4 && w.dim() == 4 && w.size(1) * groups >= 16 &&
                         at::globalContext().userEnabledMkldnn();
  if (onednn_backward) {
    std::vector<int64_t> shape{x.size(0), w.size(1) * groups};
    for (int i = 0; i < 2; ++i)
      shape.push_back((x.size(2 + i) - 1) * stride[i] - 2 * padding[i] + dilation[i] * (w.size(2 + i) - 1) +
                      output_padding[i] + 1);
    // Only the shape of the convolution's input matters to its input-gradient.
    auto shape_only = at::zeros({}, x.options()).expand(shape);
    auto y = std::get<0>(at::convolution_backward(x, shape_only, w, c10::nullopt, stride, padding, dilation, false,
                                                  {0, 0}, groups, {true, false, false}));
    return b ? y + b->view({1, -1, 1, 1}) : y;
  }
#endif
  return at::conv_transpose2d(x, w, b, stride, padding, output_padding, groups, dilation);
}

// The mirror case: a layer that reads the image itself (one grey input channel). Training it, oneDNN's
// weight gradient has a single channel to reduce over and took 2.3x as long as the reference kernel
// (106 against 47 ms, 30 frames of 180x120 into 128 channels, 11x11 stride 4, both cores of an AMD
// EPYC with AVX2; docs/models.md), while three colour channels were already faster on oneDNN. Only
// training takes this route: without autograd oneDNN's forward is the faster (14 against 18 ms).
// Measured on libtorch 1.13 only, like the transposed route.
at::Tensor routed_conv2d(const at::Tensor &x, const at::Tensor &w, const c10::optional<at::Tensor> &b, at::IntArrayRef stride,
                         at::IntArrayRef padding, at::IntArrayRef dilation, int64_t groups) {
#if TORCH_VERSION_MAJOR < 2
  bool reference_backward = x.device().is_cpu() && x.scalar_type() == at::kFloat && w.scalar_type() == at::kFloat &&
                            x.dim() == 4 && w.dim() == 4 && w.size(1) == 1 && groups == 1 &&
                            dilation[0] == 1 && dilation[1] == 1 && padding[0] >= 0 && padding[1] >= 0 &&
                            at::GradMode::is_enabled() && w.requires_grad();
  if (reference_backward)
    return at::thnn_conv2d(x, w, {w.size(2), w.size(3)}, b, stride, padding);
#endif
  return at::conv2d(x, w, b, stride, padding, dilation, groups);
}

}  // namespace

extern "C" {

void vt_error_free(vt_error err) { std::free(err); }
void vt_free(vt_tensor t) { delete t; }

// ---- runtime ----

vt_error vt_set_num_threads(int64_t n) { VT_GUARD(at::set_num_threads(static_cast<int>(n))) }
int64_t vt_get_num_threads(void) { return at::get_num_threads(); }
bool vt_set_flush_denormal(bool on) { return at::globalContext().setFlushDenormal(on); }
bool vt_cuda_is_available(void) {
  try { return at::hasCUDA(); } catch (...) { return false; }
}
int64_t vt_cuda_device_count(void) {
  try { return at::hasCUDA() ? static_cast<int64_t>(at::detail::getCUDAHooks().getNumGPUs()) : 0; } catch (...) { return 0; }
}
vt_error vt_cuda_synchronize(int64_t index) {
  VT_GUARD(if (at::hasCUDA()) at::detail::getCUDAHooks().deviceSynchronize(index))
}
vt_error vt_manual_seed(uint64_t seed) { VT_GUARD(at::manual_seed(seed)) }
vt_error vt_cpu_rng_state(vt_tensor *out) {
  VT_GUARD({
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    *out = wrap(gen.get_state());
  })
}
vt_error vt_set_cpu_rng_state(vt_tensor state) {
  VT_GUARD({
    auto gen = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(state->t);
  })
}
bool vt_is_grad_enabled(void) { return at::GradMode::is_enabled(); }
void vt_set_grad_enabled(bool enabled) { at::GradMode::set_enabled(enabled); }
char *vt_describe(void) {
  std::string s = std::string("libtorch ") + TORCH_VERSION + ", " + std::to_string(at::get_num_threads()) +
                  " threads, CUDA " + (at::hasCUDA() ? "available" : "not available");
  return copy_message(s.c_str());
}

// ---- creation, inspection, transfer ----

vt_error vt_from_bytes(const void *data, size_t nbytes, const int64_t *shape, int64_t ndim, int dtype, vt_tensor *out) {
  VT_GUARD({
    auto t = at::empty(ints(shape, ndim), at::TensorOptions().dtype(scalar_type(dtype)));
    size_t expected = t.numel() * t.element_size();
    if (expected != nbytes)
      throw std::invalid_argument("from_bytes: " + std::to_string(nbytes) + " bytes given, shape needs " + std::to_string(expected));
    if (nbytes) std::memcpy(t.data_ptr(), data, nbytes);
    *out = wrap(t);
  })
}
vt_error vt_copy_to_bytes(vt_tensor t, void *dst, size_t nbytes) {
  VT_GUARD({
    auto c = t->t.detach().to(at::kCPU).contiguous();
    size_t have = c.numel() * c.element_size();
    if (have != nbytes)
      throw std::invalid_argument("copy_to_bytes: tensor holds " + std::to_string(have) + " bytes, buffer has " + std::to_string(nbytes));
    if (nbytes) std::memcpy(dst, c.data_ptr(), nbytes);
  })
}
vt_error vt_full(const int64_t *shape, int64_t ndim, double value, int dtype, int device_kind, int64_t device_index, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::full(ints(shape, ndim), value,
                                at::TensorOptions().dtype(scalar_type(dtype)).device(device(device_kind, device_index)))))
}
vt_error vt_rand(const int64_t *shape, int64_t ndim, bool normal, int dtype, int device_kind, int64_t device_index, vt_tensor *out) {
  VT_GUARD({
    auto opts = at::TensorOptions().dtype(scalar_type(dtype)).device(device(device_kind, device_index));
    *out = wrap(normal ? at::randn(ints(shape, ndim), opts) : at::rand(ints(shape, ndim), opts));
  })
}
vt_error vt_randperm(int64_t n, vt_tensor *out) { VT_GUARD(*out = wrap(at::randperm(n, at::TensorOptions().dtype(at::kLong)))) }
vt_error vt_arange(double start, double end, double step, int dtype, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::arange(start, end, step, at::TensorOptions().dtype(scalar_type(dtype)))))
}
int64_t vt_ndim(vt_tensor t) { return t->t.dim(); }
int64_t vt_shape(vt_tensor t, int64_t *sizes, int64_t cap) {
  auto s = t->t.sizes();
  for (int64_t i = 0; i < cap && i < static_cast<int64_t>(s.size()); ++i) sizes[i] = s[i];
  return static_cast<int64_t>(s.size());
}
int vt_dtype(vt_tensor t) { return dtype_code(t->t.scalar_type()); }
int vt_device_kind(vt_tensor t) { return t->t.device().is_cuda() ? VT_CUDA : VT_CPU; }
int64_t vt_device_index(vt_tensor t) { return t->t.device().has_index() ? t->t.device().index() : 0; }
vt_error vt_to(vt_tensor t, int dtype, int device_kind, int64_t device_index, vt_tensor *out) {
  VT_GUARD(*out = wrap(t->t.to(device(device_kind, device_index), scalar_type(dtype))))
}
vt_error vt_item(vt_tensor t, double *out) { VT_GUARD(*out = t->t.item<double>()) }
vt_error vt_clone(vt_tensor t, vt_tensor *out) { VT_GUARD(*out = wrap(t->t.clone())) }
vt_error vt_contiguous(vt_tensor t, vt_tensor *out) { VT_GUARD(*out = wrap(t->t.contiguous())) }
vt_error vt_detach(vt_tensor t, vt_tensor *out) { VT_GUARD(*out = wrap(t->t.detach())) }

// ---- autograd ----

vt_error vt_set_requires_grad(vt_tensor t, bool requires) { VT_GUARD(t->t.requires_grad_(requires)) }
bool vt_requires_grad(vt_tensor t) { return t->t.requires_grad(); }
vt_error vt_backward(vt_tensor t, vt_tensor grad) {
  VT_GUARD(if (grad) t->t.backward(grad->t); else t->t.backward();)
}
vt_error vt_grad(vt_tensor t, vt_tensor *out) {
  VT_GUARD({
    const auto &g = t->t.grad();
    *out = g.defined() ? wrap(g) : nullptr;
  })
}
vt_error vt_clear_grad(vt_tensor t) { VT_GUARD(t->t.mutable_grad().reset()) }

// ---- element-wise ----

vt_error vt_unary(int op, vt_tensor a, vt_tensor *out) {
  VT_GUARD({
    const auto &x = a->t;
    at::Tensor r;
    switch (op) {
      case VT_NEG: r = x.neg(); break;
      case VT_EXP: r = x.exp(); break;
      case VT_LOG: r = x.log(); break;
      case VT_SQRT: r = x.sqrt(); break;
      case VT_RSQRT: r = x.rsqrt(); break;
      case VT_ABS: r = x.abs(); break;
      case VT_RELU: r = x.relu(); break;
      case VT_SIGMOID: r = x.sigmoid(); break;
      case VT_TANH: r = x.tanh(); break;
      case VT_SQUARE: r = x.square(); break;
      case VT_SIGN: r = x.sign(); break;
      case VT_FLOOR: r = x.floor(); break;
      case VT_ROUND: r = x.round(); break;
      case VT_LOGICAL_NOT: r = x.logical_not(); break;
      default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
    }
    *out = wrap(r);
  })
}

namespace {
at::Tensor binary(int op, const at::Tensor &x, const at::Tensor &y) {
  switch (op) {
    case VT_ADD: return x.add(y);
    case VT_SUB: return x.sub(y);
    case VT_MUL: return x.mul(y);
    case VT_DIV: return x.div(y);
    case VT_POW: return x.pow(y);
    case VT_MAXIMUM: return at::maximum(x, y);
    case VT_MINIMUM: return at::minimum(x, y);
    case VT_EQ: return x.eq(y);
    case VT_NE: return x.ne(y);
    case VT_LT: return x.lt(y);
    case VT_LE: return x.le(y);
    case VT_GT: return x.gt(y);
    case VT_GE: return x.ge(y);
    case VT_MATMUL: return x.matmul(y);
  }
  throw std::invalid_argument("unknown binary op " + std::to_string(op));
}
}  // namespace

vt_error vt_binary(int op, vt_tensor a, vt_tensor b, vt_tensor *out) { VT_GUARD(*out = wrap(binary(op, a->t, b->t))) }
vt_error vt_binary_scalar(int op, vt_tensor a, double s, vt_tensor *out) {
  VT_GUARD({
    const auto &x = a->t;
    at::Scalar v(s);
    at::Tensor r;
    switch (op) {
      case VT_ADD: r = x.add(v); break;
      case VT_SUB: r = x.sub(v); break;
      case VT_MUL: r = x.mul(v); break;
      case VT_DIV: r = x.div(v); break;
      case VT_POW: r = x.pow(v); break;
      case VT_MAXIMUM: r = x.clamp_min(v); break;
      case VT_MINIMUM: r = x.clamp_max(v); break;
      case VT_EQ: r = x.eq(v); break;
      case VT_NE: r = x.ne(v); break;
      case VT_LT: r = x.lt(v); break;
      case VT_LE: r = x.le(v); break;
      case VT_GT: r = x.gt(v); break;
      case VT_GE: r = x.ge(v); break;
      default: throw std::invalid_argument("binary op " + std::to_string(op) + " has no scalar form");
    }
    *out = wrap(r);
  })
}
vt_error vt_clamp(vt_tensor a, double lo, double hi, vt_tensor *out) { VT_GUARD(*out = wrap(a->t.clamp(lo, hi))) }
vt_error vt_where(vt_tensor cond, vt_tensor a, vt_tensor b, vt_tensor *out) { VT_GUARD(*out = wrap(at::where(cond->t, a->t, b->t))) }

// ---- in place ----

vt_error vt_copy_(vt_tensor dst, vt_tensor src) { VT_GUARD(dst->t.copy_(src->t)) }
vt_error vt_fill_(vt_tensor t, double value) { VT_GUARD(t->t.fill_(value)) }
vt_error vt_mul_scalar_(vt_tensor t, double s) { VT_GUARD(t->t.mul_(s)) }
vt_error vt_add_(vt_tensor t, vt_tensor other, double alpha) { VT_GUARD(t->t.add_(other->t, alpha)) }
vt_error vt_addcmul_(vt_tensor t, vt_tensor a, vt_tensor b, double v) { VT_GUARD(t->t.addcmul_(a->t, b->t, v)) }
vt_error vt_addcdiv_(vt_tensor t, vt_tensor a, vt_tensor b, double v) { VT_GUARD(t->t.addcdiv_(a->t, b->t, v)) }
vt_error vt_uniform_(vt_tensor t, double lo, double hi) { VT_GUARD(t->t.uniform_(lo, hi)) }
vt_error vt_normal_(vt_tensor t, double mean, double std) { VT_GUARD(t->t.normal_(mean, std)) }

// ---- reductions and indexing ----

vt_error vt_reduce(int op, vt_tensor a, const int64_t *dims, int64_t ndims, bool keepdim, vt_tensor *out) {
  VT_GUARD({
    const auto &x = a->t;
    std::vector<int64_t> d(dims, dims + ndims);
    if (d.empty())
      for (int64_t i = 0; i < x.dim(); ++i) d.push_back(i);
    at::Tensor r;
    switch (op) {
      case VT_SUM: r = x.sum(d, keepdim); break;
      case VT_MEAN: r = x.mean(d, keepdim); break;
      case VT_AMAX: r = x.amax(d, keepdim); break;
      case VT_AMIN: r = x.amin(d, keepdim); break;
      case VT_VAR: r = x.var(at::OptionalIntArrayRef(d), /*unbiased=*/true, keepdim); break;
      case VT_STD: r = x.std(at::OptionalIntArrayRef(d), /*unbiased=*/true, keepdim); break;
      default: throw std::invalid_argument("unknown reduction " + std::to_string(op));
    }
    *out = wrap(r);
  })
}
vt_error vt_argmax(vt_tensor a, int64_t dim, bool keepdim, vt_tensor *out) { VT_GUARD(*out = wrap(a->t.argmax(dim, keepdim))) }
vt_error vt_norm(vt_tensor a, double p, int64_t dim, bool keepdim, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::norm(a->t, at::Scalar(p), at::IntArrayRef{dim}, keepdim)))
}
vt_error vt_topk(vt_tensor a, int64_t k, int64_t dim, bool largest, vt_tensor *values, vt_tensor *indices) {
  VT_GUARD({
    auto r = a->t.topk(k, dim, largest, /*sorted=*/true);
    *values = wrap(std::get<0>(r));
    *indices = wrap(std::get<1>(r));
  })
}
vt_error vt_index_select(vt_tensor a, int64_t dim, vt_tensor index, vt_tensor *out) {
  VT_GUARD(*out = wrap(a->t.index_select(dim, index->t)))
}
vt_error vt_gather(vt_tensor a, int64_t dim, vt_tensor index, vt_tensor *out) { VT_GUARD(*out = wrap(a->t.gather(dim, index->t))) }

// ---- shape ----

vt_error vt_reshape(vt_tensor a, const int64_t *shape, int64_t ndim, vt_tensor *out) {
  VT_GUARD(*out = wrap(a->t.reshape(ints(shape, ndim))))
}
vt_error vt_permute(vt_tensor a, const int64_t *dims, int64_t ndim, vt_tensor *out) {
  VT_GUARD(*out = wrap(a->t.permute(ints(dims, ndim))))
}
vt_error vt_expand(vt_tensor a, const int64_t *shape, int64_t ndim, vt_tensor *out) {
  VT_GUARD(*out = wrap(a->t.expand(ints(shape, ndim))))
}
vt_error vt_slice(vt_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step, vt_tensor *out) {
  VT_GUARD(*out = wrap(a->t.slice(dim, start, end, step)))
}
vt_error vt_cat(const vt_tensor *ts, int64_t n, int64_t dim, bool stack, vt_tensor *out) {
  VT_GUARD({
    std::vector<at::Tensor> v;
    v.reserve(n);
    for (int64_t i = 0; i < n; ++i) v.push_back(ts[i]->t);
    *out = wrap(stack ? at::stack(v, dim) : at::cat(v, dim));
  })
}
vt_error vt_split(vt_tensor a, const int64_t *sizes, int64_t nsizes, int64_t dim, vt_tensor *outs) {
  VT_GUARD({
    auto parts = a->t.split_with_sizes(ints(sizes, nsizes), dim);
    for (size_t i = 0; i < parts.size(); ++i) outs[i] = wrap(parts[i]);
  })
}

// ---- neural network ----

vt_error vt_conv2d(vt_tensor x, vt_tensor w, vt_tensor b, const int64_t *stride, const int64_t *padding,
                   const int64_t *dilation, int64_t groups, vt_tensor *out) {
  VT_GUARD(*out = wrap(routed_conv2d(x->t, w->t, optional(b), ints(stride, 2), ints(padding, 2), ints(dilation, 2), groups)))
}
vt_error vt_conv_transpose2d(vt_tensor x, vt_tensor w, vt_tensor b, const int64_t *stride, const int64_t *padding,
                             const int64_t *output_padding, const int64_t *dilation, int64_t groups, vt_tensor *out) {
  VT_GUARD(*out = wrap(transposed_conv2d(x->t, w->t, optional(b), ints(stride, 2), ints(padding, 2),
                                         ints(output_padding, 2), groups, ints(dilation, 2))))
}
vt_error vt_linear(vt_tensor x, vt_tensor w, vt_tensor b, vt_tensor *out) { VT_GUARD(*out = wrap(at::linear(x->t, w->t, optional(b)))) }
vt_error vt_layer_norm(vt_tensor x, const int64_t *shape, int64_t ndim, vt_tensor w, vt_tensor b, double eps, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::layer_norm(x->t, ints(shape, ndim), optional(w), optional(b), eps)))
}
vt_error vt_batch_norm(vt_tensor x, vt_tensor w, vt_tensor b, vt_tensor running_mean, vt_tensor running_var,
                       bool training, double momentum, double eps, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::batch_norm(x->t, optional(w), optional(b), optional(running_mean), optional(running_var), training,
                                      momentum, eps, /*cudnn_enabled=*/true)))
}
vt_error vt_max_pool2d(vt_tensor x, const int64_t *kernel, const int64_t *stride, const int64_t *padding, bool ceil_mode, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::max_pool2d(x->t, ints(kernel, 2), ints(stride, 2), ints(padding, 2), at::IntArrayRef{1, 1}, ceil_mode)))
}
vt_error vt_avg_pool2d(vt_tensor x, const int64_t *kernel, const int64_t *stride, const int64_t *padding, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::avg_pool2d(x->t, ints(kernel, 2), ints(stride, 2), ints(padding, 2))))
}
vt_error vt_interpolate(vt_tensor x, int mode, int64_t out_h, int64_t out_w, bool align_corners, vt_tensor *out) {
  VT_GUARD({
    std::vector<int64_t> size{out_h, out_w};
    at::Tensor r;
    switch (mode) {
      case VT_NEAREST: r = at::upsample_nearest2d(x->t, size); break;
      case VT_BILINEAR: r = at::upsample_bilinear2d(x->t, size, align_corners); break;
      case VT_BICUBIC: r = at::upsample_bicubic2d(x->t, size, align_corners); break;
      case VT_AREA: r = at::adaptive_avg_pool2d(x->t, size); break;
      case VT_BILINEAR_AA: r = at::_upsample_bilinear2d_aa(x->t, size, align_corners); break;
      default: throw std::invalid_argument("unknown interpolation mode " + std::to_string(mode));
    }
    *out = wrap(r);
  })
}
vt_error vt_softmax(vt_tensor x, int64_t dim, bool log, vt_tensor *out) {
  VT_GUARD(*out = wrap(log ? x->t.log_softmax(dim) : x->t.softmax(dim)))
}
vt_error vt_cosine_similarity(vt_tensor a, vt_tensor b, int64_t dim, double eps, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::cosine_similarity(a->t, b->t, dim, eps)))
}

// ---- losses ----

vt_error vt_mse_loss(vt_tensor a, vt_tensor b, int r, vt_tensor *out) { VT_GUARD(*out = wrap(at::mse_loss(a->t, b->t, reduction(r)))) }
vt_error vt_cross_entropy(vt_tensor logits, vt_tensor target, int r, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::cross_entropy_loss(logits->t, target->t, {}, reduction(r))))
}
vt_error vt_triplet_margin_loss(vt_tensor anchor, vt_tensor positive, vt_tensor negative, double margin, double p,
                                int r, vt_tensor *out) {
  VT_GUARD(*out = wrap(at::triplet_margin_loss(anchor->t, positive->t, negative->t, margin, p, 1e-6, false, reduction(r))))
}

}  // extern "C"
