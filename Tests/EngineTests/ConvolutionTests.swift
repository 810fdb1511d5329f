import Engine
import XCTest

/// Convolutions against values worked out by hand.
final class ConvolutionTests: XCTestCase {
    func testConv2dStrideTwoWithBias() throws {
        let x = try Tensor((1...16).map(Float.init), shape: [1, 1, 4, 4])
        let w = try Tensor([1, 2, 3, 4] as [Float], shape: [1, 1, 2, 2])
        let b = try Tensor([0.5] as [Float], shape: [1])
        let y = try x.conv2d(w, bias: b, stride: (2, 2))
        XCTAssertEqual(y.shape, [1, 1, 2, 2])
        // Top-left window 1 2 / 5 6: 1*1 + 2*2 + 3*5 + 4*6 = 44.
        XCTAssertEqual(try y.scalars(as: Float.self), [44.5, 64.5, 124.5, 144.5])
    }

    func testConv2dSumsInputChannelsAndPads() throws {
        // Two input channels of ones and twos, a 3x3 kernel of ones on each, padding 1.
        let x = try Tensor([Float](repeating: 1, count: 9) + [Float](repeating: 2, count: 9), shape: [1, 2, 3, 3])
        let w = try Tensor.ones([1, 2, 3, 3])
        let y = try x.conv2d(w, padding: (1, 1))
        // Each output counts the in-bounds neighbours (4 at corners, 6 on edges, 9 at the centre) times 1 + 2.
        XCTAssertEqual(try y.scalars(as: Float.self), [12, 18, 12, 18, 27, 18, 12, 18, 12])
    }

    func testConvTranspose2dOverlapAndStride() throws {
        let x = try Tensor([1, 2, 3, 4] as [Float], shape: [1, 1, 2, 2])
        let w = try Tensor.ones([1, 1, 2, 2])
        // Stride 1: every input pixel adds itself to a 2x2 block; blocks overlap.
        XCTAssertEqual(try x.convTranspose2d(w).scalars(as: Float.self), [1, 3, 2, 4, 10, 6, 3, 7, 4])
        // Stride 2: blocks tile without overlap.
        XCTAssertEqual(try x.convTranspose2d(w, stride: (2, 2)).scalars(as: Float.self),
                       [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
        // Output padding adds one row and column that only the bias reaches.
        let b = try Tensor([10] as [Float], shape: [1])
        let padded = try x.convTranspose2d(w, bias: b, stride: (2, 2), outputPadding: (1, 1))
        XCTAssertEqual(padded.shape, [1, 1, 5, 5])
        XCTAssertEqual(try padded.scalars(as: Float.self), [
            11, 11, 12, 12, 10,
            11, 11, 12, 12, 10,
            13, 13, 14, 14, 10,
            13, 13, 14, 14, 10,
            10, 10, 10, 10, 10,
        ])
    }

    /// A transposed convolution is the adjoint of the convolution with the same weight: for any g,
    /// sum(convT(x, w) * g) = sum(x * conv2d(g, w)). So its gradients must equal conv2d's, whichever
    /// kernel libtorch uses for it (the engine routes it through oneDNN on older libtorch when it has
    /// 16 output channels or more, so the cases have both).
    func testConvTranspose2dIsTheAdjointOfConv2dInValueAndGradients() throws {
        try Runtime.seed(3)
        let cases: [(outChannels: Int, groups: Int, stride: (Int, Int), padding: (Int, Int), outputPadding: (Int, Int),
                     dilation: (Int, Int))] = [
            (6, 1, (2, 2), (1, 1), (1, 1), (1, 1)),
            (6, 2, (3, 2), (0, 2), (2, 0), (2, 1)),
            (16, 1, (2, 2), (1, 1), (1, 1), (1, 1)),
            (32, 2, (3, 2), (0, 2), (2, 0), (2, 1)),
        ]
        for c in cases {
            let x = try Tensor.randn([2, 4, 5, 6]).requiringGrad()
            let w = try Tensor.randn([4, c.outChannels / c.groups, 3, 3]).requiringGrad()
            let y = try x.convTranspose2d(w, stride: c.stride, padding: c.padding, outputPadding: c.outputPadding,
                                          dilation: c.dilation, groups: c.groups)
            let g = try Tensor.randn(y.shape)
            let transposed = try (y * g).sum()
            try transposed.backward()
            let gradX = try XCTUnwrap(try x.grad).scalars(as: Float.self)
            let gradW = try XCTUnwrap(try w.grad).scalars(as: Float.self)

            let x2 = try x.detached().requiringGrad(), w2 = try w.detached().requiringGrad()
            let down = try g.conv2d(w2, stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups)
            XCTAssertEqual(down.shape, x.shape)
            let adjoint = try (x2 * down).sum()
            try adjoint.backward()
            let expectedX = try down.scalars(as: Float.self)
            let expectedW = try XCTUnwrap(try w2.grad).scalars(as: Float.self)

            XCTAssertEqual(try transposed.item(), try adjoint.item(), accuracy: 1e-4 * max(1, abs(try adjoint.item())))
            for (name, got, want) in [("input", gradX, expectedX), ("weight", gradW, expectedW)] {
                let scale = want.map(abs).max() ?? 1
                let worst = zip(got, want).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(worst, 1e-5 * max(1, scale), "\(name) gradient, \(c.outChannels) outputs, groups \(c.groups)")
            }
        }
    }

    /// A convolution over one input channel is the same convolution over that channel and a second
    /// one of zeros. Training the former takes the reference kernel on older libtorch and the latter
    /// oneDNN, so values and gradients must agree across the two routes; an image read by a first
    /// layer needs no gradient of its own. (Where libtorch picks one kernel for both, as it may for
    /// small inputs, this still checks the convolution.)
    func testOneChannelConvolutionAgreesWithItsZeroPaddedTwin() throws {
        try Runtime.seed(5)
        for (stride, padding, inputGrad) in [((4, 4), (4, 4), false), ((2, 3), (0, 1), true)] {
            let x = try Tensor.rand([3, 1, 23, 19]).requiringGrad(inputGrad)
            let w = try Tensor.randn([5, 1, 11, 7]).requiringGrad()
            let b = try Tensor.randn([5]).requiringGrad()
            let y = try x.conv2d(w, bias: b, stride: stride, padding: padding)
            let g = try Tensor.randn(y.shape)
            try (y * g).sum().backward()

            let x2 = try Tensor.cat([x.detached(), Tensor.zeros(x.shape)], dim: 1).requiringGrad(inputGrad)
            let w2 = try Tensor.cat([w.detached(), Tensor.randn(w.shape)], dim: 1).requiringGrad()
            let b2 = try b.detached().requiringGrad()
            let y2 = try x2.conv2d(w2, bias: b2, stride: stride, padding: padding)
            try (y2 * g).sum().backward()

            let first = { (t: Tensor) in try t.sliced(dim: 1, 0..<1).contiguous().scalars(as: Float.self) }
            var pairs = [
                ("value", try y.scalars(as: Float.self), try y2.scalars(as: Float.self)),
                ("weight gradient", try XCTUnwrap(try w.grad).scalars(as: Float.self), try first(XCTUnwrap(try w2.grad))),
                ("bias gradient", try XCTUnwrap(try b.grad).scalars(as: Float.self), try XCTUnwrap(try b2.grad).scalars(as: Float.self)),
            ]
            if inputGrad {
                pairs.append(("input gradient", try XCTUnwrap(try x.grad).scalars(as: Float.self), try first(XCTUnwrap(try x2.grad))))
            } else {
                XCTAssertNil(try x.grad)
            }
            for (name, got, want) in pairs {
                XCTAssertEqual(got.count, want.count, name)
                let scale = want.map(abs).max() ?? 1
                let worst = zip(got, want).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(worst, 1e-5 * max(1, scale), "\(name), stride \(stride)")
            }
        }
    }

    func testTransposedConvolutionInvertsStridedConvolutionSize() throws {
        let store = ParameterStore()
        let down = try Conv2d(store.root("down"), inChannels: 1, outChannels: 4, kernel: (11, 11), stride: (4, 4))
        let up = try ConvTranspose2d(store.root("up"), inChannels: 4, outChannels: 1, kernel: (11, 11), stride: (4, 4), outputPadding: (1, 1))
        let x = try Tensor.rand([2, 1, 227, 227])
        XCTAssertEqual(try down(x).shape, [2, 4, 55, 55])
        XCTAssertEqual(try up(down(x)).shape, [2, 1, 228, 228])
    }
}
