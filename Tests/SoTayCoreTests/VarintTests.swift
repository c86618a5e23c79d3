import Testing

@testable import SoTayCore

@Suite("Varints")
struct VarintTests {
    @Test("Values round-trip, seven bits a byte, the low ones first")
    func roundTrip() {
        let values: [UInt32] = [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152, .max]
        var bytes: [UInt8] = []
        for value in values { Varint.write(value) { bytes.append($0) } }
        #expect(bytes.count == 1 + 1 + 1 + 2 + 2 + 2 + 3 + 3 + 4 + 5)
        // 300 = 0b10_0101100: 0xAC, then 0x02.
        #expect(Array(bytes[3..<5]) == [0x80, 0x01] && Array(bytes[5..<7]) == [0xAC, 0x02])
        var read: [UInt32] = []
        var i = bytes.startIndex
        while i < bytes.endIndex { read.append(Varint.read(bytes, at: &i)) }
        #expect(read == values)
        // From a slice, as the pairs' rows are read.
        var j = 3
        #expect(Varint.read(bytes[3...], at: &j) == 128 && j == 5)
    }
}
