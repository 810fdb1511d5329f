import CTorch

/// How a loss combines its per-element values.
public enum LossReduction: Sendable {
    case none, mean, sum

    var code: Int32 {
        switch self {
        case .none: Int32(VT_REDUCE_NONE.rawValue)
        case .mean: Int32(VT_REDUCE_MEAN.rawValue)
        case .sum: Int32(VT_REDUCE_SUM.rawValue)
        }
    }
}

public enum Loss {
    /// Mean (or summed) squared error.
    public static func mse(_ prediction: Tensor, _ target: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        try produce("mse_loss", [prediction, target]) { vt_mse_loss(prediction.handle, target.handle, reduction.code, $0) }
    }

    /// Softmax cross-entropy of logits [N, C] against class indices [N] (i64).
    public static func crossEntropy(_ logits: Tensor, _ target: Tensor, reduction: LossReduction = .mean) throws -> Tensor {
        try produce("cross_entropy", [logits, target]) { vt_cross_entropy(logits.handle, target.handle, reduction.code, $0) }
    }

    /// max(d(a,p) - d(a,n) + margin, 0) with the p-norm distance.
    public static func tripletMargin(anchor: Tensor, positive: Tensor, negative: Tensor, margin: Double = 1, p: Double = 2,
                                     reduction: LossReduction = .mean) throws -> Tensor {
        try produce("triplet_margin_loss", [anchor, positive, negative]) {
            vt_triplet_margin_loss(anchor.handle, positive.handle, negative.handle, margin, p, reduction.code, $0)
        }
    }
}
