import Foundation
import ImageIO

/// Finds the videos under the paths a user names: a video file, a folder of frames, or any folder
/// above them (a dataset root). Ground-truth folders (`masks/`, UCSD's `Test001_gt/`) are never read
/// as videos.
public enum DatasetScanner {
    public static let videoExtensions: Set<String> = ["avi", "mp4", "mkv", "mov", "mpg", "mpeg", "m4v", "webm"]

    public static func isGroundTruthFolder(_ name: String) -> Bool {
        name.hasSuffix("_gt") || ["masks", "mask", "gt", "ground_truth"].contains(name.lowercased())
    }

    public static func scan(_ path: String) throws -> [VideoSource] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw IngestError("\(path): No such file or directory")
        }
        let name = (path as NSString).lastPathComponent
        if !isDirectory.boolValue {
            guard videoExtensions.contains((path as NSString).pathExtension.lowercased()) else {
                throw IngestError("\(path): not a video file (expected one of \(videoExtensions.sorted().joined(separator: ", ")))")
            }
            return [VideoSource(id: ((name as NSString).deletingPathExtension), path: path, kind: .file)]
        }
        var found: [VideoSource] = []
        try walk(path, relative: [], into: &found)
        guard !found.isEmpty else { throw IngestError("\(path): no frame images or video files found") }
        // A root that is itself a video folder is named after the folder.
        return found.map { $0.id.isEmpty ? VideoSource(id: name, path: $0.path, kind: $0.kind) : $0 }
    }

    private static func walk(_ folder: String, relative: [String], into found: inout [VideoSource]) throws {
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw IngestError("\(folder): cannot list folder")
        }
        var images: [String] = []
        var folders: [String] = []
        var videos: [String] = []
        for entry in entries where !entry.hasPrefix(".") {
            let full = folder + "/" + entry
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            let ext = (entry as NSString).pathExtension.lowercased()
            if isDirectory.boolValue {
                if !isGroundTruthFolder(entry) { folders.append(entry) }
            } else if ImageIO.extensions.contains(ext) {
                images.append(entry)
            } else if videoExtensions.contains(ext) {
                videos.append(entry)
            }
        }
        let id = relative.filter { $0 != "frames" }.joined(separator: "/")
        if !images.isEmpty {
            let ordered = images.sorted(by: NaturalOrder.frameNumberPrecedes)
            found.append(VideoSource(id: id, path: folder, kind: .images(ordered.map { folder + "/" + $0 })))
        }
        for video in videos.sorted(by: NaturalOrder.precedes) {
            let stem = (video as NSString).deletingPathExtension
            found.append(VideoSource(id: (relative + [stem]).filter { $0 != "frames" }.joined(separator: "/"), path: folder + "/" + video, kind: .file))
        }
        for sub in folders.sorted(by: NaturalOrder.precedes) {
            try walk(folder + "/" + sub, relative: relative + [sub], into: &found)
        }
    }
}

/// Orders names the way people number files: `2.png` before `10.png`.
public enum NaturalOrder {
    /// The last run of digits in a file name's stem (`frame_0012.jpg` → 12).
    public static func frameNumber(_ name: String) -> Int? {
        let stem = (name as NSString).deletingPathExtension
        guard let end = stem.lastIndex(where: \.isNumber) else { return nil }
        var start = end
        while start > stem.startIndex, stem[stem.index(before: start)].isNumber { start = stem.index(before: start) }
        return Int(stem[start...end])
    }

    /// Frames order by their number; names without one come after, in string order.
    public static func frameNumberPrecedes(_ a: String, _ b: String) -> Bool {
        switch (frameNumber(a), frameNumber(b)) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a < b
        }
    }

    /// Whole names compared with digit runs as numbers (`Test2` before `Test10`).
    public static func precedes(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric]) == .orderedAscending
    }
}

public struct IngestError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
