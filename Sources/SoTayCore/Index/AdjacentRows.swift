import Foundation
import GRDB

/// For every pair of very common syllables, the sections where the two stand next to each
/// other, kept with the pair's list (``TopLists``, column `adjacentRows`).
///
/// Three or four common syllables typed together ("dang uy chi uy", "thu ky sinh hoat") rank
/// the sections where every typed neighbour stands next to its neighbour first (``Ranker``),
/// but FTS5 finds them only by reading the position lists of all the words, each in most
/// sections: at 100 MB it ranks 96,000 sections to keep ten of 501, 190 ms. Intersecting the
/// rows of the typed pairs gives a few hundred candidates in a millisecond; FTS5 then ranks
/// only those. The words' own row lists are not enough: it is the positions that are costly.
///
/// Only pairs of syllables found in at least an eighth of the sections (and 20,000 of them)
/// keep their rows: FTS5 reads a rarer word's list quickly, and these pairs' rows are dense
/// enough to cost about a byte each, 5 MB at 100 MB.
enum AdjacentRows {
    struct Parameters: Sendable {
        var minimumRows = 20_000
        var rowShare = 1.0 / 8

        func threshold(rows: Int) -> Double { max(Double(minimumRows), Double(rows) * rowShare) }
    }

    /// Row ids in increasing order, written as they come: gaps as little-endian base-128
    /// varints, or, when smaller, a bitmap over every id up to the last.
    struct Writer {
        private(set) var gaps: [UInt8] = []
        private(set) var count = 0
        private var last: UInt32 = 0

        mutating func append(_ id: UInt32) {
            precondition(count == 0 || id > last, "row ids come in increasing order")
            Varint.write(id - last) { gaps.append($0) }
            last = id
            count += 1
        }

        /// The rows of both, in increasing order: a build's two halves, each in order, made one.
        static func merged(_ a: Writer, _ b: Writer) -> Writer {
            guard a.count > 0 else { return b }
            guard b.count > 0 else { return a }
            var left: [UInt32] = []
            var right: [UInt32] = []
            AdjacentRows.forEachGap(a.gaps[...]) { left.append($0) }
            AdjacentRows.forEachGap(b.gaps[...]) { right.append($0) }
            var merged = Writer()
            var (i, j) = (0, 0)
            while i < left.count || j < right.count {
                if j == right.count || i < left.count && left[i] < right[j] {
                    merged.append(left[i])
                    i += 1
                } else {
                    merged.append(right[j])
                    j += 1
                }
            }
            return merged
        }

        /// Appends the stored form: a tag byte (``Encoding``), then the gaps or the bitmap.
        func append(to bytes: inout [UInt8]) {
            let bitmapBytes = Int(last) / 8 + 1
            guard bitmapBytes < gaps.count else {
                bytes.append(Encoding.gaps.rawValue)
                return bytes.append(contentsOf: gaps)
            }
            let start = bytes.count + 1
            bytes.append(Encoding.bitmap.rawValue)
            bytes.append(contentsOf: repeatElement(0, count: bitmapBytes))
            AdjacentRows.forEachGap(gaps[...]) { id in bytes[start + Int(id / 8)] |= 1 << (id % 8) }
        }
    }

    enum Encoding: UInt8 {
        case gaps = 0
        case bitmap = 1
    }

    /// The row ids of a stored list, in increasing order; nil when the data is not one.
    static func decode(_ data: Data) -> [UInt32]? {
        guard let tag = data.first.flatMap(Encoding.init) else { return nil }
        var ids: [UInt32] = []
        let body = [UInt8](data.dropFirst())
        switch tag {
        case .gaps:
            forEachGap(body[...]) { ids.append($0) }
        case .bitmap:
            for (index, byte) in body.enumerated() where byte != 0 {
                var bits = byte
                while bits != 0 {
                    ids.append(UInt32(index * 8 + bits.trailingZeroBitCount))
                    bits &= bits - 1
                }
            }
        }
        return ids
    }

    private static func forEachGap(_ bytes: ArraySlice<UInt8>, _ body: (UInt32) -> Void) {
        var id: UInt32 = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            id += Varint.read(bytes, at: &i)
            body(id)
        }
    }

    /// The ids in every one of `lists` (each increasing), the shortest list walked first.
    static func intersection(_ lists: [[UInt32]]) -> [UInt32] {
        let sorted = lists.sorted { $0.count < $1.count }
        guard var result = sorted.first else { return [] }
        for other in sorted.dropFirst() {
            var kept: [UInt32] = []
            var j = 0
            for id in result {
                while j < other.count, other[j] < id { j += 1 }
                if j == other.count { break }
                if other[j] == id { kept.append(id) }
            }
            result = kept
            if result.isEmpty { break }
        }
        return result
    }
}
