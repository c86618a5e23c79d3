import CWriteback
import Foundation
import Testing

@testable import SoTayCore

@Suite("The copy an incremental build starts from")
struct FileCopyTests {
    @Test("Copied chunk by chunk, byte for byte, over a file that was there")
    func chunks() throws {
        let dir = TemporaryDirectory()
        // Three and a half chunks of bytes that differ from chunk to chunk, so a chunk copied
        // twice or to the wrong place shows.
        let bytes = (0..<14_336).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 4096) }
        try dir.write("index.sqlite", Data(bytes))
        try dir.write("copy.sqlite", String(repeating: "x", count: 20_000))
        #expect(FileCopy.copy(dir.path + "/index.sqlite", to: dir.path + "/copy.sqlite", chunk: 4096))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/copy.sqlite")) == Data(bytes))
        // The default chunk, larger than the file.
        #expect(FileCopy.copy(dir.path + "/index.sqlite", to: dir.path + "/again.sqlite"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/again.sqlite")) == Data(bytes))
    }

    @Test("A copy that cannot be made says so and leaves nothing")
    func fails() {
        let dir = TemporaryDirectory()
        #expect(!FileCopy.copy(dir.path + "/missing.sqlite", to: dir.path + "/copy.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/copy.sqlite"))
        #expect(!FileCopy.copy(dir.path + "/missing.sqlite", to: dir.path + "/no/such/folder/copy.sqlite"))
    }

    #if os(Linux)
        @Test("The writeback is the kernel's: it starts on an open file and refuses a closed one")
        func writeback() throws {
            let dir = TemporaryDirectory()
            try dir.write("file", String(repeating: "đảng viên ", count: 1000))
            let fd = open(dir.path + "/file", O_RDWR)
            #expect(fd >= 0)
            #expect(cwriteback_start(fd, 0, 8192) == 0)
            close(fd)
            #expect(cwriteback_start(fd, 0, 8192) == -1 && errno == EBADF)
            #expect(cwriteback_start(-1, 0, 8192) == -1 && errno == EBADF)
        }
    #endif
}
