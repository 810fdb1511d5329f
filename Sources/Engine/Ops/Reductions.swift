import CTorch

extension Tensor {
    private func reduce(_ op: vt_reduce_op, _ name: String, _ dims: [Int], _ keepDims: Bool) throws -> Tensor {
        let dims64 = dims.map(Int64.init)
        return try produce(name, [self]) { vt_reduce(Int32(op.rawValue), handle, dims64, Int64(dims64.count), keepDims, $0) }
    }

    /// Sums over `dims`, or over everything when `dims` is empty.
    public func sum(dims: [Int] = [], keepDims: Bool = false) throws -> Tensor { try reduce(VT_SUM, "sum", dims, keepDims) }
    public func mean(dims: [Int] = [], keepDims: Bool = false) throws -> Tensor { try reduce(VT_MEAN, "mean", dims, keepDims) }
    public func max(dims: [Int] = [], keepDims: Bool = false) throws -> Tensor { try reduce(VT_AMAX, "amax", dims, keepDims) }
    public func min(dims: [Int] = [], keepDims: Bool = false) throws -> Tensor { try reduce(VT_AMIN, "amin", dims, keepDims) }
    /// Unbiased variance.
    public func variance(dims: [Int] = [], keepDims: Bool = false) throws -> Tensor { try reduce(VT_VAR, "var", dims, keepDims) }

    public func argmax(dim: Int, keepDims: Bool = false) throws -> Tensor {
        try produce("argmax", [self]) { vt_argmax(handle, Int64(dim), keepDims, $0) }
    }

    public func norm(p: Double = 2, dim: Int, keepDims: Bool = false) throws -> Tensor {
        try produce("norm", [self]) { vt_norm(handle, p, Int64(dim), keepDims, $0) }
    }

    /// The k largest (or smallest) entries along `dim`, sorted, with their indices.
    public func topK(_ k: Int, dim: Int = -1, largest: Bool = true) throws -> (values: Tensor, indices: Tensor) {
        var values: vt_tensor?
        var indices: vt_tensor?
        try check("topk", [self]) { vt_topk(handle, Int64(k), Int64(dim), largest, &values, &indices) }
        return (Tensor(owning: values!), Tensor(owning: indices!))
    }

    public func indexSelect(dim: Int, _ index: Tensor) throws -> Tensor {
        try produce("index_select", [self, index]) { vt_index_select(handle, Int64(dim), index.handle, $0) }
    }

    public func gather(dim: Int, _ index: Tensor) throws -> Tensor {
        try produce("gather", [self, index]) { vt_gather(handle, Int64(dim), index.handle, $0) }
    }
}
