/// 2-D convolution, NCHW. Weight [out, in, kh, kw], initialised as PyTorch does unless told otherwise.
public struct Conv2d {
    public let weight: Tensor
    public let bias: Tensor?
    public let stride: (Int, Int)
    public let padding: (Int, Int)

    public init(_ path: ParameterPath, inChannels: Int, outChannels: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), bias: Bool = true, weightInit: Initializer = .torchDefault, biasInit: Initializer? = nil) throws {
        let shape = [outChannels, inChannels, kernel.0, kernel.1]
        weight = try path.parameter("weight", shape, weightInit)
        self.bias = bias ? try path.parameter("bias", [outChannels], biasInit ?? .torchDefaultBias(fanIn: Initializer.fans(shape).fanIn)) : nil
        self.stride = stride
        self.padding = padding
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.conv2d(weight, bias: bias, stride: stride, padding: padding)
    }
}

/// Transposed 2-D convolution. Weight [in, out, kh, kw]; `outputPadding` fixes the output size when
/// stride > 1 makes it ambiguous.
public struct ConvTranspose2d {
    public let weight: Tensor
    public let bias: Tensor?
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    public let outputPadding: (Int, Int)

    public init(_ path: ParameterPath, inChannels: Int, outChannels: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: (Int, Int) = (0, 0), outputPadding: (Int, Int) = (0, 0), bias: Bool = true,
                weightInit: Initializer = .torchDefault, biasInit: Initializer? = nil) throws {
        let shape = [inChannels, outChannels, kernel.0, kernel.1]
        weight = try path.parameter("weight", shape, weightInit)
        self.bias = bias ? try path.parameter("bias", [outChannels], biasInit ?? .torchDefaultBias(fanIn: Initializer.fans(shape).fanIn)) : nil
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.convTranspose2d(weight, bias: bias, stride: stride, padding: padding, outputPadding: outputPadding)
    }
}

/// y = x W^T + b.
public struct Linear {
    public let weight: Tensor
    public let bias: Tensor?

    public init(_ path: ParameterPath, inFeatures: Int, outFeatures: Int, bias: Bool = true, weightInit: Initializer = .torchDefault) throws {
        weight = try path.parameter("weight", [outFeatures, inFeatures], weightInit)
        self.bias = bias ? try path.parameter("bias", [outFeatures], .torchDefaultBias(fanIn: inFeatures)) : nil
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor { try x.linear(weight, bias: bias) }
}

/// Layer normalisation over the trailing `normalizedShape`, with a learned scale and shift.
public struct LayerNorm {
    public let normalizedShape: [Int]
    public let weight: Tensor?
    public let bias: Tensor?
    public let eps: Double

    public init(_ path: ParameterPath, normalizedShape: [Int], affine: Bool = true, eps: Double = 1e-5) throws {
        self.normalizedShape = normalizedShape
        weight = affine ? try path.parameter("weight", normalizedShape, .constant(1)) : nil
        bias = affine ? try path.parameter("bias", normalizedShape, .zeros) : nil
        self.eps = eps
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.layerNorm(normalizedShape, weight: weight, bias: bias, eps: eps)
    }
}

/// Batch normalisation over channels of NCHW (or NC) input. Training uses batch statistics and
/// updates the running ones; evaluation uses the running ones.
public final class BatchNorm {
    public let weight: Tensor
    public let bias: Tensor
    public let runningMean: Tensor
    public let runningVar: Tensor
    public let momentum: Double
    public let eps: Double
    public var training = true

    public init(_ path: ParameterPath, features: Int, momentum: Double = 0.1, eps: Double = 1e-5) throws {
        weight = try path.parameter("weight", [features], .constant(1))
        bias = try path.parameter("bias", [features], .zeros)
        runningMean = try path.buffer("running_mean", [features], value: 0)
        runningVar = try path.buffer("running_var", [features], value: 1)
        self.momentum = momentum
        self.eps = eps
    }

    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        try x.batchNorm(weight: weight, bias: bias, runningMean: runningMean, runningVar: runningVar,
                        training: training, momentum: momentum, eps: eps)
    }
}
