import CTorch

extension Tensor {
    /// One dimension may be -1 (inferred).
    public func reshaped(_ shape: [Int]) throws -> Tensor {
        let shape64 = shape.map(Int64.init)
        return try produce("reshape", [self]) { vt_reshape(handle, shape64, Int64(shape64.count), $0) }
    }

    public func permuted(_ dims: [Int]) throws -> Tensor {
        let dims64 = dims.map(Int64.init)
        return try produce("permute", [self]) { vt_permute(handle, dims64, Int64(dims64.count), $0) }
    }

    public func transposed(_ a: Int, _ b: Int) throws -> Tensor {
        var dims = Array(0..<rank)
        dims.swapAt(a < 0 ? a + rank : a, b < 0 ? b + rank : b)
        return try permuted(dims)
    }

    public func expanded(_ shape: [Int]) throws -> Tensor {
        let shape64 = shape.map(Int64.init)
        return try produce("expand", [self]) { vt_expand(handle, shape64, Int64(shape64.count), $0) }
    }

    public func unsqueezed(_ dim: Int) throws -> Tensor {
        var s = shape
        s.insert(1, at: dim < 0 ? dim + s.count + 1 : dim)
        return try reshaped(s)
    }

    public func squeezed(_ dim: Int) throws -> Tensor {
        var s = shape
        let d = dim < 0 ? dim + s.count : dim
        guard s.indices.contains(d), s[d] == 1 else {
            throw EngineError(op: "squeeze", message: "\(EngineError.describe([shape])): dimension \(dim) is not of size 1")
        }
        s.remove(at: d)
        return try reshaped(s)
    }

    /// Elements start..<end (step apart) along `dim`; a view.
    public func sliced(dim: Int, _ range: Range<Int>, step: Int = 1) throws -> Tensor {
        try produce("slice", [self]) { vt_slice(handle, Int64(dim), Int64(range.lowerBound), Int64(range.upperBound), Int64(step), $0) }
    }

    /// Index `i` along `dim`, that dimension removed.
    public func select(dim: Int, _ i: Int) throws -> Tensor { try sliced(dim: dim, i..<(i + 1)).squeezed(dim) }

    public static func cat(_ tensors: [Tensor], dim: Int) throws -> Tensor {
        let handles: [vt_tensor?] = tensors.map(\.handle)
        return try produce("cat", tensors) { vt_cat(handles, Int64(handles.count), Int64(dim), false, $0) }
    }

    public static func stack(_ tensors: [Tensor], dim: Int) throws -> Tensor {
        let handles: [vt_tensor?] = tensors.map(\.handle)
        return try produce("stack", tensors) { vt_cat(handles, Int64(handles.count), Int64(dim), true, $0) }
    }

    /// Cuts along `dim` into pieces of the given sizes.
    public func split(sizes: [Int], dim: Int) throws -> [Tensor] {
        let sizes64 = sizes.map(Int64.init)
        var outs = [vt_tensor?](repeating: nil, count: sizes.count)
        try check("split", [self]) { vt_split(handle, sizes64, Int64(sizes64.count), Int64(dim), &outs) }
        return outs.map { Tensor(owning: $0!) }
    }

    /// Cuts along `dim` into `count` equal pieces.
    public func chunked(_ count: Int, dim: Int) throws -> [Tensor] {
        let size = shape[dim < 0 ? dim + rank : dim]
        guard count > 0, size % count == 0 else {
            throw EngineError(op: "chunk", message: "\(EngineError.describe([shape])): dimension \(dim) of size \(size) does not split into \(count)")
        }
        return try split(sizes: Array(repeating: size / count, count: count), dim: dim)
    }
}
