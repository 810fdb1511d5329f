import Engine
import TensorStream
import XCTest

final class TensorTests: XCTestCase {
    func testEveryStreamDTypeRoundTripsThroughTheEngine() throws {
        for dtype in [DType.u8, .f32, .f16, .bf16, .i64] {
            let values = try Tensor([0, 1, 2, 3, 250, 7] as [Float], shape: [2, 3]).to(dtype)
            XCTAssertEqual(values.dtype, dtype)
            let host = try values.host()
            XCTAssertEqual(host.dtype, dtype)
            XCTAssertEqual(host.shape, [2, 3])
            XCTAssertEqual(host.doubles(), [0, 1, 2, 3, 250, 7], "\(dtype)")
            XCTAssertEqual(try Tensor(host).scalars(as: Float.self), [0, 1, 2, 3, 250, 7])
        }
    }

    func testSeedRepeatsAndGeneratorStateRestores() throws {
        try Runtime.seed(42)
        let a = try Tensor.randn([5]).scalars(as: Float.self)
        try Runtime.seed(42)
        let state = try Runtime.cpuRandomState()
        let b = try Tensor.randn([5]).scalars(as: Float.self)
        let c = try Tensor.rand([3]).scalars(as: Float.self)
        try Runtime.setCPURandomState(state)
        _ = try Tensor.randn([5])
        XCTAssertEqual(a, b)
        XCTAssertEqual(try Tensor.rand([3]).scalars(as: Float.self), c)
    }

    func testFlushDenormalsZeroesDenormalArithmetic() throws {
        let tiny: Float = 1e-39  // below Float.leastNormalMagnitude, about 1.18e-38
        let x = try Tensor([tiny], shape: [1])
        defer { Runtime.flushDenormals(false) }
        XCTAssertTrue(Runtime.flushDenormals(true), "x86-64 CPUs have flush-to-zero")
        XCTAssertEqual(try (x * 1.0).scalars(as: Float.self), [0])
        Runtime.flushDenormals(false)
        XCTAssertEqual(try (x * 1.0).scalars(as: Float.self), [tiny])
    }

    func testThreadsSetting() throws {
        let before = Runtime.threads
        try Runtime.setThreads(1)
        XCTAssertEqual(Runtime.threads, 1)
        try Runtime.setThreads(before)
        XCTAssertThrowsError(try Runtime.setThreads(0))
    }

    func testShapeOps() throws {
        let x = try Tensor((0..<24).map(Float.init), shape: [2, 3, 4])
        XCTAssertEqual(try x.permuted([2, 0, 1]).shape, [4, 2, 3])
        XCTAssertEqual(try x.transposed(0, 2).contiguous().reshaped([-1]).scalars(as: Float.self).prefix(3), [0, 12, 4])
        XCTAssertEqual(try x.select(dim: 1, 2).scalars(as: Float.self), [8, 9, 10, 11, 20, 21, 22, 23])
        let parts = try x.split(sizes: [1, 3], dim: 2)
        XCTAssertEqual(parts.map(\.shape), [[2, 3, 1], [2, 3, 3]])
        XCTAssertEqual(try Tensor.cat(parts, dim: 2).scalars(as: Float.self), try x.scalars(as: Float.self))
        XCTAssertEqual(try Tensor.stack([x, x], dim: 0).shape, [2, 2, 3, 4])
        XCTAssertEqual(try x.chunked(2, dim: 2).map(\.shape), [[2, 3, 2], [2, 3, 2]])
        XCTAssertEqual(try x.unsqueezed(1).shape, [2, 1, 3, 4])
        XCTAssertEqual(try x.sum(dims: [0, 2]).scalars(as: Float.self), [60, 92, 124])
        XCTAssertEqual(try x.mean().item(), 11.5)
        XCTAssertEqual(try x.max().item(), 23)
    }
}
