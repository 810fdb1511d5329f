import CTorch

/// A failed tensor operation: the op's name, its operands' shapes and libtorch's reason,
/// e.g. `conv2d: input [4,3,64,64] has 3 channels, weight expects 1`.
public struct EngineError: Error, CustomStringConvertible {
    public let op: String
    public let message: String
    public var description: String { "\(op): \(message)" }

    public init(op: String, message: String) {
        self.op = op
        self.message = message
    }

    static func describe(_ shapes: [[Int]]) -> String {
        shapes.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: " and ")
    }
}

/// Takes ownership of a shim error message.
func consume(_ error: vt_error) -> String {
    defer { vt_error_free(error) }
    return String(cString: error)
}

/// Runs a shim call that returns no tensor; a failure names the op and the operands' shapes.
@inline(__always)
func check(_ op: String, _ operands: @autoclosure () -> [Tensor], _ call: () -> vt_error?) throws {
    if let error = call() {
        let reason = consume(error)
        let shapes = operands().map(\.shape)
        throw EngineError(op: op, message: shapes.isEmpty ? reason : "\(EngineError.describe(shapes)): \(reason)")
    }
}

/// Runs a shim call that produces one tensor.
@inline(__always)
func produce(_ op: String, _ operands: @autoclosure () -> [Tensor], _ call: (UnsafeMutablePointer<vt_tensor?>) -> vt_error?) throws -> Tensor {
    var out: vt_tensor?
    try check(op, operands()) { call(&out) }
    return Tensor(owning: out!)
}
