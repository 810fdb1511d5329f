import CTorch

// Element-wise maths. Binary ops broadcast like libtorch; a mismatch throws with both shapes.

extension Tensor {
    private func unary(_ op: vt_unary_op, _ name: String) throws -> Tensor {
        try produce(name, [self]) { vt_unary(Int32(op.rawValue), handle, $0) }
    }

    public func neg() throws -> Tensor { try unary(VT_NEG, "neg") }
    public func exp() throws -> Tensor { try unary(VT_EXP, "exp") }
    public func log() throws -> Tensor { try unary(VT_LOG, "log") }
    public func sqrt() throws -> Tensor { try unary(VT_SQRT, "sqrt") }
    public func rsqrt() throws -> Tensor { try unary(VT_RSQRT, "rsqrt") }
    public func abs() throws -> Tensor { try unary(VT_ABS, "abs") }
    public func relu() throws -> Tensor { try unary(VT_RELU, "relu") }
    public func sigmoid() throws -> Tensor { try unary(VT_SIGMOID, "sigmoid") }
    public func tanh() throws -> Tensor { try unary(VT_TANH, "tanh") }
    public func square() throws -> Tensor { try unary(VT_SQUARE, "square") }
    public func sign() throws -> Tensor { try unary(VT_SIGN, "sign") }
    public func floor() throws -> Tensor { try unary(VT_FLOOR, "floor") }
    public func round() throws -> Tensor { try unary(VT_ROUND, "round") }
    public func logicalNot() throws -> Tensor { try unary(VT_LOGICAL_NOT, "logical_not") }

    fileprivate func binary(_ op: vt_binary_op, _ name: String, _ other: Tensor) throws -> Tensor {
        try produce(name, [self, other]) { vt_binary(Int32(op.rawValue), handle, other.handle, $0) }
    }

    fileprivate func binary(_ op: vt_binary_op, _ name: String, _ scalar: Double) throws -> Tensor {
        try produce(name, [self]) { vt_binary_scalar(Int32(op.rawValue), handle, scalar, $0) }
    }

    public func pow(_ exponent: Double) throws -> Tensor { try binary(VT_POW, "pow", exponent) }
    public func pow(_ exponent: Tensor) throws -> Tensor { try binary(VT_POW, "pow", exponent) }
    public func maximum(_ other: Tensor) throws -> Tensor { try binary(VT_MAXIMUM, "maximum", other) }
    public func minimum(_ other: Tensor) throws -> Tensor { try binary(VT_MINIMUM, "minimum", other) }
    public func clampMin(_ lower: Double) throws -> Tensor { try binary(VT_MAXIMUM, "clamp_min", lower) }
    public func clampMax(_ upper: Double) throws -> Tensor { try binary(VT_MINIMUM, "clamp_max", upper) }
    public func clamp(_ lower: Double, _ upper: Double) throws -> Tensor {
        try produce("clamp", [self]) { vt_clamp(handle, lower, upper, $0) }
    }
    public func matmul(_ other: Tensor) throws -> Tensor { try binary(VT_MATMUL, "matmul", other) }

    public func eq(_ other: Tensor) throws -> Tensor { try binary(VT_EQ, "eq", other) }
    public func ne(_ other: Tensor) throws -> Tensor { try binary(VT_NE, "ne", other) }
    public func lt(_ other: Tensor) throws -> Tensor { try binary(VT_LT, "lt", other) }
    public func le(_ other: Tensor) throws -> Tensor { try binary(VT_LE, "le", other) }
    public func gt(_ other: Tensor) throws -> Tensor { try binary(VT_GT, "gt", other) }
    public func ge(_ other: Tensor) throws -> Tensor { try binary(VT_GE, "ge", other) }
    public func gt(_ scalar: Double) throws -> Tensor { try binary(VT_GT, "gt", scalar) }
    public func lt(_ scalar: Double) throws -> Tensor { try binary(VT_LT, "lt", scalar) }
    public func eq(_ scalar: Double) throws -> Tensor { try binary(VT_EQ, "eq", scalar) }

    /// Picks from `self` where `condition` holds, else from `other`.
    public func `where`(_ condition: Tensor, else other: Tensor) throws -> Tensor {
        try produce("where", [condition, self, other]) { vt_where(condition.handle, handle, other.handle, $0) }
    }

    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(VT_ADD, "add", b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(VT_SUB, "sub", b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(VT_MUL, "mul", b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(VT_DIV, "div", b) }
    public static func + (a: Tensor, b: Double) throws -> Tensor { try a.binary(VT_ADD, "add", b) }
    public static func - (a: Tensor, b: Double) throws -> Tensor { try a.binary(VT_SUB, "sub", b) }
    public static func * (a: Tensor, b: Double) throws -> Tensor { try a.binary(VT_MUL, "mul", b) }
    public static func / (a: Tensor, b: Double) throws -> Tensor { try a.binary(VT_DIV, "div", b) }
    public static func + (a: Double, b: Tensor) throws -> Tensor { try b.binary(VT_ADD, "add", a) }
    public static func * (a: Double, b: Tensor) throws -> Tensor { try b.binary(VT_MUL, "mul", a) }
    public static func - (a: Double, b: Tensor) throws -> Tensor { try b.neg().binary(VT_ADD, "sub", a) }
    public static prefix func - (a: Tensor) throws -> Tensor { try a.neg() }
}

// In-place updates, for optimisers and initialisers. They mutate storage shared by every view, so the
// callers run them without autograd recording (Runtime.withoutGrad).
extension Tensor {
    public func copy(from source: Tensor) throws { try check("copy_", [self, source]) { vt_copy_(handle, source.handle) } }
    public func fill(_ value: Double) throws { try check("fill_", [self]) { vt_fill_(handle, value) } }
    public func scale(by s: Double) throws { try check("mul_", [self]) { vt_mul_scalar_(handle, s) } }
    /// self += alpha * other
    public func add(_ other: Tensor, alpha: Double = 1) throws {
        try check("add_", [self, other]) { vt_add_(handle, other.handle, alpha) }
    }
    /// self += value * a * b
    public func addProduct(_ a: Tensor, _ b: Tensor, value: Double = 1) throws {
        try check("addcmul_", [self, a, b]) { vt_addcmul_(handle, a.handle, b.handle, value) }
    }
    /// self += value * a / b
    public func addQuotient(_ a: Tensor, _ b: Tensor, value: Double = 1) throws {
        try check("addcdiv_", [self, a, b]) { vt_addcdiv_(handle, a.handle, b.handle, value) }
    }
    public func fillUniform(_ lower: Double, _ upper: Double) throws {
        try check("uniform_", [self]) { vt_uniform_(handle, lower, upper) }
    }
    public func fillNormal(mean: Double = 0, std: Double) throws {
        try check("normal_", [self]) { vt_normal_(handle, mean, std) }
    }
}
