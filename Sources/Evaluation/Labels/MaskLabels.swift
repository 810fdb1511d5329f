import Foundation
import ImageIO

extension LabelFiles {
    /// Frame labels from pixel masks: one folder per test video (`masks/01/000.png`, or UCSD's
    /// `Test001_gt/001.bmp`), one image per frame in frame order; a frame is anomalous when its mask
    /// has any non-zero pixel.
    public static func fromMasks(root: String) throws -> GroundTruth {
        var truth = GroundTruth(source: root)
        let folders: [String]
        do { folders = try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.hasPrefix(".") } } catch {
            throw LabelError("\(root): cannot list mask folders")
        }
        for folder in folders.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }) {
            let path = root + "/" + folder
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                .filter { ImageIO.extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
            guard !files.isEmpty else { continue }
            let flags = try files.map { try ImageIO.read(path: path + "/" + $0, channels: .gray).pixels.contains { $0 != 0 } }
            let name = folder.hasSuffix("_gt") ? String(folder.dropLast(3)) : folder
            try truth.add(VideoID.canonical(name), .frames(flags))
        }
        guard !truth.order.isEmpty else { throw LabelError("\(root): no mask folders with images") }
        return truth
    }
}
