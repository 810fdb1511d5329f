import Engine

/// The models by name, for programs that take `--model NAME` and checkpoints that record it.
public enum ModelRegistry {
    static var types: [any AnomalyModel.Type] { [STAE.self, ConvSTAE.self, ConvLSTMAE.self, ConvAE.self] }

    public static let names: [String] = types.map { $0.name }

    /// The model class registered under `name`; unknown names throw, listing the known ones.
    public static func type(named name: String) throws -> any AnomalyModel.Type {
        guard let type = types.first(where: { $0.name == name }) else {
            throw ModelError("unknown model '\(name)' (known: \(names.joined(separator: ", ")))")
        }
        return type
    }

    public static func make(name: String, config: ModelConfig, device: Device) throws -> AnomalyModel {
        try type(named: name).init(config: config, device: device)
    }
}
