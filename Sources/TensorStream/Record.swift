/// One record of a tensor stream: named tensors in order, plus string metadata
/// (safetensors' `__metadata__`: video id, frame indices, stride, dataset, stage keys).
public struct Record: Equatable, Sendable {
    public var tensors: [(name: String, tensor: HostTensor)]
    public var metadata: [String: String]

    public init(tensors: [(name: String, tensor: HostTensor)] = [], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    public subscript(name: String) -> HostTensor? {
        get { tensors.first(where: { $0.name == name })?.tensor }
        set {
            if let i = tensors.firstIndex(where: { $0.name == name }) {
                if let newValue { tensors[i].tensor = newValue } else { tensors.remove(at: i) }
            } else if let newValue {
                tensors.append((name, newValue))
            }
        }
    }

    public static func == (a: Record, b: Record) -> Bool {
        a.metadata == b.metadata && a.tensors.count == b.tensors.count
            && zip(a.tensors, b.tensors).allSatisfy { $0.name == $1.name && $0.tensor == $1.tensor }
    }
}

extension Record {
    /// Integer lists (frame indices) are stored as comma-separated decimals, since safetensors
    /// metadata values must be strings.
    public static func encodeIntegers(_ values: [Int]) -> String { values.map(String.init).joined(separator: ",") }

    public static func decodeIntegers(_ text: String) -> [Int]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
        return parts.contains(where: { $0 == nil }) ? nil : parts.map { $0! }
    }
}
