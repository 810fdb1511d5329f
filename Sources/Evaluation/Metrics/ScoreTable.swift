import Foundation
import Labels

/// Per-frame anomaly scores as `score` writes them and `evaluate` reads them: CSV with the header
/// `video,frame,score[,extra...]`, frame 0-based, higher = more anomalous. Videos keep the order
/// in which they first appear. A field holding a comma or a quote is quoted as RFC 4180 says
/// (videos are named after folders, and a folder may be called `cam,1`).
public struct ScoreTable: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var video: String
        public var frame: Int
        public var score: Double
        public var extras: [String]
        public init(video: String, frame: Int, score: Double, extras: [String] = []) {
            self.video = video
            self.frame = frame
            self.score = score
            self.extras = extras
        }
    }

    public var extraColumns: [String]
    public var rows: [Row]

    public init(extraColumns: [String] = [], rows: [Row] = []) {
        self.extraColumns = extraColumns
        self.rows = rows
    }

    /// The same rows scored by another column (`score` or an extra column's name): how a pipeline
    /// evaluates, say, the tutorial's per-video abnormality instead of the raw error.
    public func scoredBy(_ column: String, source: String) throws -> ScoreTable {
        if column == "score" { return self }
        guard let index = extraColumns.firstIndex(of: column) else {
            throw MetricError("\(source): no column '\(column)' (columns: \((["score"] + extraColumns).joined(separator: ", ")))")
        }
        // A regularity (score's regularity_luo) is high where frames are normal: 1 - r ranks anomalies
        // high, as every other column does, and keeps the column's [0, 1].
        let isRegularity = column.hasPrefix("regularity")
        var table = self
        for i in table.rows.indices {
            guard let value = Double(table.rows[i].extras[index]), value.isFinite else {
                throw MetricError("\(source): video \(table.rows[i].video) frame \(table.rows[i].frame): \(column) '\(table.rows[i].extras[index])' is not a finite number")
            }
            table.rows[i].score = isRegularity ? 1 - value : value
        }
        return table
    }

    /// Videos by canonical name (`VideoID`), in order of first appearance, each with its rows sorted by frame.
    public var videos: [(video: String, rows: [Row])] {
        var order: [String] = []
        var byVideo: [String: [Row]] = [:]
        for row in rows {
            let video = VideoID.canonical(row.video)
            if byVideo[video] == nil { order.append(video) }
            byVideo[video, default: []].append(row)
        }
        return order.map { ($0, byVideo[$0]!.sorted { $0.frame < $1.frame }) }
    }

    public func csv() -> String {
        var text = (["video", "frame", "score"] + extraColumns).map(Self.quoted).joined(separator: ",") + "\n"
        for row in rows {
            text += ([row.video, String(row.frame), Self.format(row.score)] + row.extras).map(Self.quoted).joined(separator: ",") + "\n"
        }
        return text
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// A line's fields: split at commas outside quotes, quotes removed and "" inside them read as ".
    static func fields(_ line: Substring) -> [String] {
        let characters = Array(line)
        var fields: [String] = [], field = "", quoted = false, i = 0
        while i < characters.count {
            let character = characters[i]
            if quoted, character == "\"" {
                if i + 1 < characters.count, characters[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
            } else if !quoted, character == "\"" {
                quoted = true
            } else if !quoted, character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            i += 1
        }
        return fields + [field]
    }

    /// Shortest text that reads back to the same Double.
    static func format(_ value: Double) -> String { "\(value)" }

    /// A frame is scored twice also under two spellings of its video (`Test001` and `01`: `VideoID`),
    /// which `videos` would otherwise pool as one.
    public static func parse(_ text: String, source: String) throws -> ScoreTable {
        var lines = TextLines.numbered(text)
        guard !lines.isEmpty else { throw MetricError("\(source): empty score file") }
        let header = fields(lines.removeFirst().line)
        guard header.count >= 3, header[0...2] == ["video", "frame", "score"] else {
            throw MetricError("\(source): header must start with video,frame,score")
        }
        var table = ScoreTable(extraColumns: Array(header.dropFirst(3)))
        var seen: [String: Int] = [:]
        for (number, line) in lines {
            let fields = fields(line)
            guard fields.count == header.count else {
                throw MetricError("\(source):\(number): expected \(header.count) fields, got \(fields.count)")
            }
            guard let frame = Int(fields[1]), frame >= 0 else { throw MetricError("\(source):\(number): frame '\(fields[1])' is not a 0-based index") }
            guard let score = Double(fields[2]), score.isFinite else { throw MetricError("\(source):\(number): score '\(fields[2])' is not a finite number") }
            if let first = seen.updateValue(number, forKey: "\(VideoID.canonical(fields[0]))\u{0}\(frame)") {
                throw MetricError("\(source):\(number): video \(fields[0]) frame \(frame) is scored twice (line \(first) too)")
            }
            table.rows.append(Row(video: fields[0], frame: frame, score: score, extras: Array(fields.dropFirst(3))))
        }
        return table
    }
}
