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

    /// Whether `root` is a folder of MATLAB masks as CUHK Avenue ships them (`N_label.mat`).
    public static func holdsMATMasks(_ root: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).contains { matMaskVideo($0) != nil }
    }

    /// Frame labels from CUHK Avenue's ground truth (`ground_truth_demo/testing_label_mask/N_label.mat`):
    /// video N's file holds `volLabel`, a cell array of one pixel mask per frame; a frame is anomalous
    /// when its mask has any non-zero pixel, as the dataset's own `ground_truth_show.m` paints them.
    public static func fromMATMasks(root: String) throws -> GroundTruth {
        var truth = GroundTruth(source: root)
        let files: [String]
        do { files = try FileManager.default.contentsOfDirectory(atPath: root) } catch {
            throw LabelError("\(root): cannot list its .mat masks")
        }
        let videos = files.compactMap { name in matMaskVideo(name).map { (number: $0, name: name) } }.sorted { $0.number < $1.number }
        guard !videos.isEmpty else { throw LabelError("\(root): no N_label.mat files") }
        for video in videos {
            try truth.add(VideoID.numbered(video.number), .frames(MATMasks.anyNonZero(cellArray: "volLabel", path: root + "/" + video.name)))
        }
        return truth
    }

    /// N for a file named `N_label.mat`.
    private static func matMaskVideo(_ name: String) -> Int? {
        guard name.hasSuffix("_label.mat") else { return nil }
        let number = name.dropLast("_label.mat".count)
        return number.allSatisfy(\.isNumber) ? Int(number) : nil
    }
}
