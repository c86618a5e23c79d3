import Foundation

/// NFC for text that holds combining marks: Vietnamese typed or saved decomposed.
///
/// Foundation composes about 10 MB a second, and a library where one document in twenty is
/// decomposed spent half a second of its build there (100 MB). Vietnamese composes only
/// within a letter and the marks after it, and a text uses a few hundred such clusters, so
/// each distinct cluster is composed by Foundation once and then copied; everything between
/// clusters is copied as it is. A line with a character outside the ranges where that holds
/// goes to Foundation whole, so the result is always Foundation's.
enum Composition {
    static func nfc(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var clusters: [UInt64: [UInt8]] = [:]
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                if end < bytes.count { end += 1 }  // the line feed is copied with its line
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                let mark = out.count
                if !compose(line, into: &out, clusters: &clusters) {
                    out.removeSubrange(mark...)
                    out.append(contentsOf: foundationNFC(line))
                }
                start = end
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    private static func foundationNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
    }

    /// Combining diacritical marks, the only marks composed here.
    private static func isMark(_ scalar: UInt32) -> Bool { (0x300...0x36F).contains(scalar) }

    /// Code points that never compose with the one before them and never change under NFC
    /// on their own: Latin up to the combining marks, Latin Extended Additional (the
    /// precomposed Vietnamese letters), and General Punctuation but for its two quads, which
    /// NFC turns into spaces.
    private static func isPlain(_ scalar: UInt32) -> Bool {
        scalar < 0x300 || (0x1E00...0x1EFF).contains(scalar) || (0x2002...0x206F).contains(scalar)
    }

    /// Appends `line` in NFC, or returns false (having appended part of it) when it holds
    /// anything but plain code points and marks.
    private static func compose(
        _ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], clusters: inout [UInt64: [UInt8]]
    ) -> Bool {
        var copied = 0  // line[..<copied] is in `out`
        var letter = 0  // where the cluster being read begins
        var marked = false
        var i = 0
        while i < line.count {
            let scalar: UInt32
            let length: Int
            if line[i] < 0x80 {
                (scalar, length) = (UInt32(line[i]), 1)
            } else if let decoded = Folding.scalar(in: line, at: i) {
                (scalar, length) = decoded
            } else {
                return false
            }
            if isMark(scalar) {
                if !marked {
                    out.append(contentsOf: line[copied..<letter])
                    marked = true
                }
            } else {
                guard isPlain(scalar) else { return false }
                if marked {
                    append(UnsafeBufferPointer(rebasing: line[letter..<i]), to: &out, clusters: &clusters)
                    copied = i
                    marked = false
                }
                letter = i
            }
            i += length
        }
        if marked {
            append(UnsafeBufferPointer(rebasing: line[letter...]), to: &out, clusters: &clusters)
        } else {
            out.append(contentsOf: line[copied...])
        }
        return true
    }

    /// Appends a letter and its marks composed, from the clusters already seen when it is
    /// short enough to be one's key (up to seven bytes, its length in the eighth).
    private static func append(
        _ cluster: UnsafeBufferPointer<UInt8>, to out: inout [UInt8], clusters: inout [UInt64: [UInt8]]
    ) {
        guard cluster.count < 8 else { return out.append(contentsOf: foundationNFC(cluster)) }
        var key = UInt64(cluster.count) << 56
        for (n, byte) in cluster.enumerated() { key |= UInt64(byte) << (8 * n) }
        if let known = clusters[key] {
            out.append(contentsOf: known)
        } else {
            let made = foundationNFC(cluster)
            clusters[key] = made
            out.append(contentsOf: made)
        }
    }
}
