import CTorch

/// Resampling methods for `interpolated`. `area` averages source pixels (libtorch's adaptive average
/// pooling, as torch's interpolate mode "area"); `bilinearAntialiased` filters before sampling, as PIL does.
public enum Interpolation: String, CaseIterable, Sendable {
    case nearest, bilinear, bicubic, area, bilinearAntialiased = "bilinear-aa"

    var code: Int32 {
        switch self {
        case .nearest: Int32(VT_NEAREST.rawValue)
        case .bilinear: Int32(VT_BILINEAR.rawValue)
        case .bicubic: Int32(VT_BICUBIC.rawValue)
        case .area: Int32(VT_AREA.rawValue)
        case .bilinearAntialiased: Int32(VT_BILINEAR_AA.rawValue)
        }
    }
}

private func pair(_ p: (Int, Int)) -> [Int64] { [Int64(p.0), Int64(p.1)] }
private func shapeText(_ s: [Int]) -> String { EngineError.describe([s]) }

extension Tensor {
    /// 2-D convolution of an NCHW input with weight [out, in/groups, kh, kw].
    public func conv2d(_ weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                       dilation: (Int, Int) = (1, 1), groups: Int = 1) throws -> Tensor {
        let x = shape, w = weight.shape
        if x.count == 4, w.count == 4, x[1] != w[1] * groups {
            throw EngineError(op: "conv2d", message: "input \(shapeText(x)) has \(x[1]) channels, weight expects \(w[1] * groups)")
        }
        let s = pair(stride), p = pair(padding), d = pair(dilation)
        return try produce("conv2d", [self, weight]) {
            vt_conv2d(handle, weight.handle, bias?.handle, s, p, d, Int64(groups), $0)
        }
    }

    /// Transposed 2-D convolution with weight [in, out/groups, kh, kw]. `outputPadding` adds rows and
    /// columns on one side so that a stride-s layer can exactly invert a stride-s convolution's size.
    public func convTranspose2d(_ weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
                                outputPadding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1) throws -> Tensor {
        let x = shape, w = weight.shape
        if x.count == 4, w.count == 4, x[1] != w[0] {
            throw EngineError(op: "conv_transpose2d", message: "input \(shapeText(x)) has \(x[1]) channels, weight expects \(w[0])")
        }
        let s = pair(stride), p = pair(padding), o = pair(outputPadding), d = pair(dilation)
        return try produce("conv_transpose2d", [self, weight]) {
            vt_conv_transpose2d(handle, weight.handle, bias?.handle, s, p, o, d, Int64(groups), $0)
        }
    }

    /// x W^T + b, weight [out, in].
    public func linear(_ weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
        let x = shape, w = weight.shape
        if let last = x.last, w.count == 2, last != w[1] {
            throw EngineError(op: "linear", message: "input \(shapeText(x)) has \(last) features, weight expects \(w[1])")
        }
        return try produce("linear", [self, weight]) { vt_linear(handle, weight.handle, bias?.handle, $0) }
    }

    /// Normalises over the trailing dimensions `normalizedShape`.
    public func layerNorm(_ normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5) throws -> Tensor {
        let dims = normalizedShape.map(Int64.init)
        return try produce("layer_norm", [self]) {
            vt_layer_norm(handle, dims, Int64(dims.count), weight?.handle, bias?.handle, eps, $0)
        }
    }

    /// Batch normalisation over dimension 1; in training it uses batch statistics and updates the
    /// running ones in place.
    public func batchNorm(weight: Tensor?, bias: Tensor?, runningMean: Tensor?, runningVar: Tensor?, training: Bool,
                          momentum: Double = 0.1, eps: Double = 1e-5) throws -> Tensor {
        try produce("batch_norm", [self]) {
            vt_batch_norm(handle, weight?.handle, bias?.handle, runningMean?.handle, runningVar?.handle, training, momentum, eps, $0)
        }
    }

    public func maxPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0), ceilMode: Bool = false) throws -> Tensor {
        let k = pair(kernel), s = pair(stride ?? kernel), p = pair(padding)
        return try produce("max_pool2d", [self]) { vt_max_pool2d(handle, k, s, p, ceilMode, $0) }
    }

    public func avgPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0)) throws -> Tensor {
        let k = pair(kernel), s = pair(stride ?? kernel), p = pair(padding)
        return try produce("avg_pool2d", [self]) { vt_avg_pool2d(handle, k, s, p, $0) }
    }

    /// Resizes the two trailing dimensions of an NCHW tensor to height x width.
    public func interpolated(height: Int, width: Int, mode: Interpolation, alignCorners: Bool = false) throws -> Tensor {
        try produce("interpolate(\(mode.rawValue))", [self]) {
            vt_interpolate(handle, mode.code, Int64(height), Int64(width), alignCorners, $0)
        }
    }

    public func softmax(dim: Int) throws -> Tensor { try produce("softmax", [self]) { vt_softmax(handle, Int64(dim), false, $0) } }
    public func logSoftmax(dim: Int) throws -> Tensor { try produce("log_softmax", [self]) { vt_softmax(handle, Int64(dim), true, $0) } }

    /// x / max(||x||_2, eps) along `dim`.
    public func l2Normalized(dim: Int, eps: Double = 1e-12) throws -> Tensor {
        try self / norm(dim: dim, keepDims: true).clampMin(eps)
    }

    public func cosineSimilarity(_ other: Tensor, dim: Int, eps: Double = 1e-8) throws -> Tensor {
        try produce("cosine_similarity", [self, other]) { vt_cosine_similarity(handle, other.handle, Int64(dim), eps, $0) }
    }
}
