/* vadtorch: a small C ABI over libtorch's ATen, used by VADKit's Swift engine.
 *
 * Conventions (the same for every entry point):
 *  - Tensors are opaque heap handles (vt_tensor). Every handle an entry point returns is new and
 *    owned by the caller, who releases it with vt_free.
 *  - Every entry point that can fail returns a vt_error: NULL on success, otherwise a malloc'd
 *    message (libtorch's, without its C++ backtrace) that the caller releases with vt_error_free.
 *    No C++ exception ever crosses this boundary, so nothing here aborts the process.
 *  - Results are written through out-pointers, which are left untouched on failure.
 */
#ifndef VADTORCH_H
#define VADTORCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vt_tensor_s *vt_tensor;
typedef char *vt_error;

/* Element types. The numbering is part of the ABI. */
enum vt_dtype { VT_U8 = 0, VT_F32 = 1, VT_F16 = 2, VT_BF16 = 3, VT_I64 = 4, VT_BOOL = 5, VT_F64 = 6, VT_I32 = 7 };
/* Device kinds; a device is a kind plus an index (ignored for CPU). */
enum vt_device_kind { VT_CPU = 0, VT_CUDA = 1 };

enum vt_unary_op {
  VT_NEG, VT_EXP, VT_LOG, VT_SQRT, VT_RSQRT, VT_ABS, VT_RELU, VT_SIGMOID, VT_TANH, VT_SQUARE,
  VT_SIGN, VT_FLOOR, VT_ROUND, VT_LOGICAL_NOT
};
enum vt_binary_op {
  VT_ADD, VT_SUB, VT_MUL, VT_DIV, VT_POW, VT_MAXIMUM, VT_MINIMUM,
  VT_EQ, VT_NE, VT_LT, VT_LE, VT_GT, VT_GE, VT_MATMUL
};
enum vt_reduce_op { VT_SUM, VT_MEAN, VT_AMAX, VT_AMIN, VT_VAR, VT_STD };
enum vt_loss_reduction { VT_REDUCE_NONE = 0, VT_REDUCE_MEAN = 1, VT_REDUCE_SUM = 2 };
enum vt_interp_mode { VT_NEAREST, VT_BILINEAR, VT_BICUBIC, VT_AREA, VT_BILINEAR_AA };

void vt_error_free(vt_error err);
void vt_free(vt_tensor t);

/* ---- runtime ---- */
vt_error vt_set_num_threads(int64_t n);
int64_t vt_get_num_threads(void);
// Flush denormal floats to zero on the calling thread (and threads it starts later); returns
// whether the CPU supports it.
bool vt_set_flush_denormal(bool on);
bool vt_cuda_is_available(void);
int64_t vt_cuda_device_count(void);
/* Waits for the work queued on CUDA device `index`. */
vt_error vt_cuda_synchronize(int64_t index);
vt_error vt_manual_seed(uint64_t seed);
/* The CPU generator's state as a u8 tensor, and back. */
vt_error vt_cpu_rng_state(vt_tensor *out);
vt_error vt_set_cpu_rng_state(vt_tensor state);
bool vt_is_grad_enabled(void);
void vt_set_grad_enabled(bool enabled);
/* A short description of the library: version, build, CUDA. malloc'd; free with vt_error_free. */
char *vt_describe(void);

/* ---- creation, inspection, transfer ---- */
/* Copies nbytes from data into a new contiguous CPU tensor. */
vt_error vt_from_bytes(const void *data, size_t nbytes, const int64_t *shape, int64_t ndim, int dtype, vt_tensor *out);
/* Copies a tensor's elements (any device, any layout) into dst as a contiguous CPU array. */
vt_error vt_copy_to_bytes(vt_tensor t, void *dst, size_t nbytes);
vt_error vt_full(const int64_t *shape, int64_t ndim, double value, int dtype, int device_kind, int64_t device_index, vt_tensor *out);
vt_error vt_rand(const int64_t *shape, int64_t ndim, bool normal, int dtype, int device_kind, int64_t device_index, vt_tensor *out);
vt_error vt_randperm(int64_t n, vt_tensor *out);
vt_error vt_arange(double start, double end, double step, int dtype, vt_tensor *out);
int64_t vt_ndim(vt_tensor t);
/* Writes up to cap sizes; returns the rank. */
int64_t vt_shape(vt_tensor t, int64_t *sizes, int64_t cap);
int vt_dtype(vt_tensor t);
int vt_device_kind(vt_tensor t);
int64_t vt_device_index(vt_tensor t);
vt_error vt_to(vt_tensor t, int dtype, int device_kind, int64_t device_index, vt_tensor *out);
vt_error vt_item(vt_tensor t, double *out);
vt_error vt_clone(vt_tensor t, vt_tensor *out);
vt_error vt_contiguous(vt_tensor t, vt_tensor *out);
vt_error vt_detach(vt_tensor t, vt_tensor *out);

/* ---- autograd ---- */
vt_error vt_set_requires_grad(vt_tensor t, bool requires);
bool vt_requires_grad(vt_tensor t);
/* grad may be NULL for a scalar. */
vt_error vt_backward(vt_tensor t, vt_tensor grad);
/* *out is NULL when the tensor has no gradient yet. */
vt_error vt_grad(vt_tensor t, vt_tensor *out);
vt_error vt_clear_grad(vt_tensor t);

/* ---- element-wise ---- */
vt_error vt_unary(int op, vt_tensor a, vt_tensor *out);
vt_error vt_binary(int op, vt_tensor a, vt_tensor b, vt_tensor *out);
vt_error vt_binary_scalar(int op, vt_tensor a, double s, vt_tensor *out);
vt_error vt_clamp(vt_tensor a, double lo, double hi, vt_tensor *out);
vt_error vt_where(vt_tensor cond, vt_tensor a, vt_tensor b, vt_tensor *out);

/* ---- in place (used by optimisers and initialisers; callers disable grad) ---- */
vt_error vt_copy_(vt_tensor dst, vt_tensor src);
vt_error vt_fill_(vt_tensor t, double value);
vt_error vt_mul_scalar_(vt_tensor t, double s);
vt_error vt_add_(vt_tensor t, vt_tensor other, double alpha);          /* t += alpha * other */
vt_error vt_addcmul_(vt_tensor t, vt_tensor a, vt_tensor b, double v); /* t += v * a * b */
vt_error vt_addcdiv_(vt_tensor t, vt_tensor a, vt_tensor b, double v); /* t += v * a / b */
vt_error vt_uniform_(vt_tensor t, double lo, double hi);
vt_error vt_normal_(vt_tensor t, double mean, double std);

/* ---- reductions and indexing ---- */
/* dims == NULL (ndims 0) reduces over everything. */
vt_error vt_reduce(int op, vt_tensor a, const int64_t *dims, int64_t ndims, bool keepdim, vt_tensor *out);
vt_error vt_argmax(vt_tensor a, int64_t dim, bool keepdim, vt_tensor *out);
vt_error vt_norm(vt_tensor a, double p, int64_t dim, bool keepdim, vt_tensor *out);
vt_error vt_topk(vt_tensor a, int64_t k, int64_t dim, bool largest, vt_tensor *values, vt_tensor *indices);
vt_error vt_index_select(vt_tensor a, int64_t dim, vt_tensor index, vt_tensor *out);
vt_error vt_gather(vt_tensor a, int64_t dim, vt_tensor index, vt_tensor *out);

/* ---- shape ---- */
vt_error vt_reshape(vt_tensor a, const int64_t *shape, int64_t ndim, vt_tensor *out);
vt_error vt_permute(vt_tensor a, const int64_t *dims, int64_t ndim, vt_tensor *out);
vt_error vt_expand(vt_tensor a, const int64_t *shape, int64_t ndim, vt_tensor *out);
vt_error vt_slice(vt_tensor a, int64_t dim, int64_t start, int64_t end, int64_t step, vt_tensor *out);
vt_error vt_cat(const vt_tensor *ts, int64_t n, int64_t dim, bool stack, vt_tensor *out);
/* Splits along dim into pieces of the given sizes; outs must hold nsizes handles. */
vt_error vt_split(vt_tensor a, const int64_t *sizes, int64_t nsizes, int64_t dim, vt_tensor *outs);

/* ---- neural network ---- */
vt_error vt_conv2d(vt_tensor x, vt_tensor w, vt_tensor b, const int64_t *stride, const int64_t *padding,
                   const int64_t *dilation, int64_t groups, vt_tensor *out);
vt_error vt_conv_transpose2d(vt_tensor x, vt_tensor w, vt_tensor b, const int64_t *stride, const int64_t *padding,
                             const int64_t *output_padding, const int64_t *dilation, int64_t groups, vt_tensor *out);
vt_error vt_linear(vt_tensor x, vt_tensor w, vt_tensor b, vt_tensor *out);
vt_error vt_layer_norm(vt_tensor x, const int64_t *shape, int64_t ndim, vt_tensor w, vt_tensor b, double eps, vt_tensor *out);
/* Updates running_mean/var in place when training. */
vt_error vt_batch_norm(vt_tensor x, vt_tensor w, vt_tensor b, vt_tensor running_mean, vt_tensor running_var,
                       bool training, double momentum, double eps, vt_tensor *out);
vt_error vt_max_pool2d(vt_tensor x, const int64_t *kernel, const int64_t *stride, const int64_t *padding, bool ceil_mode, vt_tensor *out);
vt_error vt_avg_pool2d(vt_tensor x, const int64_t *kernel, const int64_t *stride, const int64_t *padding, vt_tensor *out);
vt_error vt_interpolate(vt_tensor x, int mode, int64_t out_h, int64_t out_w, bool align_corners, vt_tensor *out);
vt_error vt_softmax(vt_tensor x, int64_t dim, bool log, vt_tensor *out);
vt_error vt_cosine_similarity(vt_tensor a, vt_tensor b, int64_t dim, double eps, vt_tensor *out);

/* ---- losses ---- */
vt_error vt_mse_loss(vt_tensor a, vt_tensor b, int reduction, vt_tensor *out);
vt_error vt_cross_entropy(vt_tensor logits, vt_tensor target, int reduction, vt_tensor *out);
vt_error vt_triplet_margin_loss(vt_tensor anchor, vt_tensor positive, vt_tensor negative, double margin, double p,
                                int reduction, vt_tensor *out);

#ifdef __cplusplus
}
#endif
#endif
