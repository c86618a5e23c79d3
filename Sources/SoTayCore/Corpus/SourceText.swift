/// Turns a file's bytes into text, or says precisely why it cannot. Normalising is left to
/// ``DocumentParser``, which every file's text goes through (doing it here too read every
/// byte of the library twice more).
enum SourceText {
    static func decode(_ bytes: [UInt8], path: String) throws(CorpusError) -> String {
        if bytes.contains(0) { throw .binary(path: path) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes) ?? 0
            let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw .invalidUTF8(path: path, line: line)
        }
        return text
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, if any.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
