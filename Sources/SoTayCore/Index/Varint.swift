/// Unsigned integers as little-endian base-128 varints: seven bits a byte, the low ones first,
/// the high bit set on every byte but the last. The pairs' rows (``AdjacentRows``, as gaps)
/// and a full build's term numbers (``SectionTerms``) are written so.
enum Varint {
    /// Hands `value`'s bytes to `put`, in order.
    @inline(__always)
    static func write(_ value: UInt32, _ put: (UInt8) -> Void) {
        var value = value
        while value >= 0x80 {
            put(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        put(UInt8(value))
    }

    /// The varint that starts at `i`, which is moved past it.
    @inline(__always)
    static func read<Bytes: Collection<UInt8>>(_ bytes: Bytes, at i: inout Bytes.Index) -> UInt32 {
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            let byte = bytes[i]
            bytes.formIndex(after: &i)
            value |= UInt32(byte & 0x7F) << shift
            guard byte >= 0x80 else { return value }
            shift += 7
        }
    }
}
