import Foundation
import Labels
import TestSupport
import XCTest

/// CUHK Avenue's ground truth, `testing_label_mask/N_label.mat`: each holds `volLabel`, a cell array of
/// one pixel mask per frame. The files here are written by SciPy's `savemat` (MATLAB's level-5 format,
/// compressed as `save` writes by default and uncompressed as `save -v6` does), in the mask types a
/// MATLAB user saves (logical, double, uint8).
final class MATMaskTests: XCTestCase {
    var root: String!
    override func setUp() { root = temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(atPath: root) }

    private func savemat(_ script: String) throws {
        let probe = try runCommand("/usr/bin/python3", ["-c", "import scipy.io"])
        try XCTSkipIf(probe.status != 0, "no SciPy for /usr/bin/python3 to write .mat files (python3-sklearn brings it)")
        let run = try runCommand("/usr/bin/python3", ["-c", """
            import numpy as np, scipy.io as sio, os
            os.chdir('\(root!)')
            def vol(flags, dtype=bool, h=24, w=32):
                cells = np.empty((1, len(flags)), dtype=object)
                for i, f in enumerate(flags):
                    m = np.zeros((h, w), dtype=dtype)
                    if f: m[h - 1, w - 1] = f
                    cells[0, i] = m
                return cells
            \(script)
            """])
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    func testFramesWithAnyMaskedPixelAreAnomalous() throws {
        try savemat("""
            sio.savemat('1_label.mat', {'volLabel': vol([0, 0, 1, 1, 0])}, do_compression=True)
            sio.savemat('2_label.mat', {'before': np.ones(3), 'volLabel': vol([0.5, 0, -0.0, 1], dtype=np.float64)}, do_compression=False)
            sio.savemat('10_label.mat', {'volLabel': vol([0, 255] + [0] * 300, dtype=np.uint8, h=360, w=640)}, do_compression=True)
            open('notes.txt', 'w').write('not a mask')
            """)
        XCTAssertTrue(LabelFiles.holdsMATMasks(root))
        let truth = try LabelFiles.fromMATMasks(root: root)
        XCTAssertEqual(truth.order, ["01", "02", "10"])
        XCTAssertEqual(truth.videos["01"], .frames([false, false, true, true, false]))
        XCTAssertEqual(truth.videos["02"], .frames([true, false, false, true]))
        XCTAssertEqual(truth.videos["10"], .frames([false, true] + Array(repeating: false, count: 300)))
    }

    /// Cells MATLAB leaves unfilled (`cell(1, n)`) are written as matrices of no bytes: no mask, so normal.
    func testUnfilledCellsAreNormalFrames() throws {
        try savemat("""
            sio.savemat('1_label.mat', {'volLabel': vol([1, 0, 1])}, do_compression=False)
            data = bytearray(open('1_label.mat', 'rb').read())
            # The middle cell, a full matrix of its own, cut to a bare tag of a 0-byte matrix.
            import struct
            def cells(blob):
                at = 128 + 8 + 48  # the variable's tag, its flags (16), dims (16) and name (16)
                found = []
                while at < len(blob):
                    kind, size = struct.unpack_from('<II', blob, at)
                    found.append((at, size)); at += 8 + size
                return found
            at, size = cells(data)[1]
            del data[at + 8:at + 8 + size]
            struct.pack_into('<I', data, at + 4, 0)
            struct.pack_into('<I', data, 128 + 4, len(data) - 136)
            open('1_label.mat', 'wb').write(data)
            """)
        XCTAssertEqual(try LabelFiles.fromMATMasks(root: root).videos["01"], .frames([true, false, true]))
    }

    func testBadFilesNameTheFileAndTheProblem() throws {
        try savemat("""
            sio.savemat('1_label.mat', {'masks': vol([1])})
            sio.savemat('2_label.mat', {'volLabel': np.ones((2, 2))})
            sio.savemat('3_label.mat', {'volLabel': vol([0, 1] * 50)}, do_compression=True)
            data = open('3_label.mat', 'rb').read()
            open('3_label.mat', 'wb').write(data[:len(data) // 2])
            open('4_label.mat', 'wb').write(b'MATLAB 7.3 MAT-file'.ljust(512) + b'\\x89HDF\\r\\n\\x1a\\n' + bytes(600))
            sio.savemat('6_label.mat', {'volLabel': vol([0, 1] * 50)}, do_compression=True)
            data = bytearray(open('6_label.mat', 'rb').read())
            data[200:260] = bytes(range(60))
            open('6_label.mat', 'wb').write(data)
            open('5_label.mat', 'w').write('volLabel = {}')
            import scipy.sparse
            sparse = np.empty((1, 1), dtype=object); sparse[0, 0] = scipy.sparse.csc_matrix(np.eye(3))
            sio.savemat('7_label.mat', {'volLabel': sparse})
            """)
        let expected = [
            "1_label.mat: holds no variable 'volLabel'",
            "2_label.mat: 'volLabel' is not a cell array (class 6)",
            "3_label.mat: cut short (a .mat element runs past the end)",
            "4_label.mat: a MATLAB v7.3 (HDF5) file, which is not read; save it again with save -v7",
            "5_label.mat: not a MATLAB level-5 .mat file (no 'MATLAB 5.0 MAT-file' header)",
            "6_label.mat: damaged compressed data (zlib: ",
            "7_label.mat: sparse masks are not read; save them with full()",
        ]
        for (index, message) in expected.enumerated() {
            let folder = root + "/v\(index)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let name = "\(index + 1)_label.mat"
            try FileManager.default.moveItem(atPath: root + "/" + name, toPath: folder + "/" + name)
            XCTAssertThrowsError(try LabelFiles.fromMATMasks(root: folder)) { error in
                XCTAssertTrue(String(describing: error).hasPrefix(folder + "/" + message), "\(error)")
            }
        }
        XCTAssertFalse(LabelFiles.holdsMATMasks(root))
    }
}
