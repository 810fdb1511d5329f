import CTorch

extension Tensor {
    /// Whether autograd records operations on this tensor (a leaf parameter) or it descends from one.
    public var requiresGrad: Bool { vt_requires_grad(handle) }

    /// Marks a leaf tensor as a trainable variable; returns self for chaining.
    @discardableResult
    public func requiringGrad(_ requires: Bool = true) throws -> Tensor {
        try check("requires_grad", [self]) { vt_set_requires_grad(handle, requires) }
        return self
    }

    /// Accumulates d(self)/d(leaf) into every leaf's `grad`. Self must be a scalar unless `seed` is given.
    public func backward(seed: Tensor? = nil) throws {
        try check("backward", [self]) { vt_backward(handle, seed?.handle) }
    }

    /// The accumulated gradient, or nil before any backward pass reached this tensor.
    public var grad: Tensor? {
        get throws {
            var out: vt_tensor?
            try check("grad", [self]) { vt_grad(handle, &out) }
            return out.map { Tensor(owning: $0) }
        }
    }

    /// Drops the accumulated gradient (the next backward starts from nothing).
    public func clearGrad() throws { try check("clear_grad", [self]) { vt_clear_grad(handle) } }
}
