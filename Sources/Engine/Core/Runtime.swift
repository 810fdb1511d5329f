import CTorch

/// Process-wide engine settings: threads, seeding, gradient mode.
public enum Runtime {
    /// Intra-op threads; all cores unless told otherwise.
    public static var threads: Int {
        get { Int(vt_get_num_threads()) }
    }

    public static func setThreads(_ n: Int) throws {
        guard n > 0 else { throw EngineError(op: "threads", message: "thread count must be positive, got \(n)") }
        try check("threads", []) { vt_set_num_threads(Int64(n)) }
    }

    /// Treats denormal floats as zero on the CPU. A model in training drifts weights and gradients into
    /// the denormal range, where each multiply takes a slow microcode path: a `convlstm-ae` step grew
    /// from 0.35 s to 1.8 s within 150 steps without this (docs/models.md). Applies to the calling
    /// thread and the threads it starts afterwards (libtorch's pool starts at its first parallel op),
    /// so programs call it first. Returns false where the CPU has no such mode.
    @discardableResult
    public static func flushDenormals(_ on: Bool = true) -> Bool { vt_set_flush_denormal(on) }

    /// Seeds libtorch's generators (CPU and CUDA), so that initialisation and sampling repeat exactly.
    public static func seed(_ seed: UInt64) throws {
        try check("seed", []) { vt_manual_seed(seed) }
    }

    /// The CPU generator's state, for checkpoints that resume exactly.
    public static func cpuRandomState() throws -> Tensor {
        try produce("rng_state", []) { vt_cpu_rng_state($0) }
    }

    public static func setCPURandomState(_ state: Tensor) throws {
        try check("set_rng_state", [state]) { vt_set_cpu_rng_state(state.handle) }
    }

    public static var cudaAvailable: Bool { vt_cuda_is_available() }

    /// Waits for the work queued on `device` (nothing to wait for on the CPU).
    public static func synchronize(_ device: Device) throws {
        guard case .cuda(let index) = device else { return }
        try check("cuda_synchronize", []) { vt_cuda_synchronize(Int64(index)) }
    }

    /// libtorch version, threads and CUDA, for logs and `--version`.
    public static var summary: String {
        let text = vt_describe()!
        defer { vt_error_free(text) }
        return String(cString: text)
    }

    public static var isGradEnabled: Bool { vt_is_grad_enabled() }

    /// Runs `body` with autograd recording off (inference, optimiser updates), restoring the mode after.
    public static func withoutGrad<T>(_ body: () throws -> T) rethrows -> T {
        let previous = vt_is_grad_enabled()
        vt_set_grad_enabled(false)
        defer { vt_set_grad_enabled(previous) }
        return try body()
    }
}
