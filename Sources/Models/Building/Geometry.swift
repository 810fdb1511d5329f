/// A convolution's or pooling window's geometry, as a paper's layer table gives it.
struct Window: Sendable {
    let kernel: Int, stride: Int, padding: Int

    init(kernel: Int, stride: Int = 1, padding: Int = 0) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }

    /// Output length over `n` input pixels (floor division, as libtorch and Caffe), nil when nothing is left.
    func output(_ n: Int) -> Int? {
        n + 2 * padding >= kernel ? (n + 2 * padding - kernel) / stride + 1 : nil
    }

    /// The transposed layer's output padding that restores `n` from `output(n)`. A transposed convolution
    /// gives (m - 1) s - 2p + k (Caffe's Deconvolution size); floor division lost less than one stride, so
    /// this is always in 0..<stride.
    func outputPadding(restoring n: Int) -> Int {
        n - ((output(n)! - 1) * stride - 2 * padding + kernel)
    }

    var description: String { "\(kernel)x\(kernel), stride \(stride), padding \(padding)" }
}

/// Frame sizes through an encoder, checked: a layer that would leave nothing throws, naming the model,
/// the frame size (width x height, as `frames-extract --size` takes it) and the layer.
struct SizePlan {
    struct Size: Equatable { let height: Int, width: Int }
    /// sizes[0] is the frame; sizes[i + 1] follows layer i.
    let sizes: [Size]

    init(model: String, config: ModelConfig, layers: [(name: String, window: Window)]) throws {
        var sizes = [Size(height: config.height, width: config.width)]
        for (name, window) in layers {
            let last = sizes[sizes.count - 1]
            guard let height = window.output(last.height), let width = window.output(last.width) else {
                throw ModelError("\(model): \(config.width)x\(config.height) frames do not survive the strides: \(name) (\(window.description)) gets \(last.width)x\(last.height) and leaves nothing")
            }
            sizes.append(Size(height: height, width: width))
        }
        self.sizes = sizes
    }

    /// Output padding for the transposed layer mirroring encoder layer `i`.
    func outputPadding(mirroring i: Int, _ window: Window) -> (Int, Int) {
        (window.outputPadding(restoring: sizes[i].height), window.outputPadding(restoring: sizes[i].width))
    }
}
