import Foundation
import PreflightEngine
import Testing

@testable import PreflightReports

/// Report files are written without following planted links, devices and FIFOs are written through and stay what
/// they are, new files are readable by their owner only, and a failed write leaves nothing changed.
@Suite struct ReportFileWriterTests {
    /// A new empty folder, removed by `remove()`.
    struct Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-writer-\(UUID().uuidString)")

        init() throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static func fileType(_ path: String, following: Bool = false) -> mode_t? {
        var status = stat()
        guard (following ? stat(path, &status) : lstat(path, &status)) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }

    static func permissions(_ path: String) -> mode_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & 0o7777
    }

    static let report = FullReport.make()

    static func expectedJSON() throws -> Data { try report.jsonData() + Data("\n".utf8) }

    @Test func aLinkPlantedAtTheOldTemporaryNameIsNotFollowed() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let victim = folder.path("victim"), path = folder.path("report.json"), planted = path + ".tmp-\(getpid())"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: victim))
        #expect(symlink(victim, planted) == 0)
        try JSONReportFile.write(Self.report, to: path)
        #expect(FileManager.default.contents(atPath: victim) == Data("keep me".utf8))
        #expect(Self.fileType(path) == S_IFREG)
        #expect(FileManager.default.contents(atPath: path) == (try Self.expectedJSON()))
        #expect(Self.fileType(planted) == S_IFLNK)
        #expect(try folder.names() == ["report.json", "report.json.tmp-\(getpid())", "victim"])
    }

    @Test func aCharacterDeviceIsWrittenThroughAndStaysADevice() throws {
        var before = stat()
        #expect(stat("/dev/null", &before) == 0)
        try JSONReportFile.write(Self.report, to: "/dev/null")
        try ReportFileWriter(path: "/dev/null").write(Data("<testsuites/>\n".utf8))
        var after = stat()
        #expect(stat("/dev/null", &after) == 0)
        #expect(after.st_mode & S_IFMT == S_IFCHR)
        #expect(after.st_rdev == before.st_rdev && after.st_ino == before.st_ino)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: "/dev")).contains { $0.hasPrefix("null.") || $0.hasPrefix(".null.") })
    }

    /// Reads a FIFO to its end on a thread of its own.
    final class FIFOReader: @unchecked Sendable {
        private(set) var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ path: String) {
            Thread.detachNewThread { [self] in
                let descriptor = open(path, O_RDONLY)
                if descriptor >= 0 {
                    var chunk = [UInt8](repeating: 0, count: 1 << 16)
                    while true {
                        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                        if count < 0 && errno == EINTR { continue }
                        guard count > 0 else { break }
                        data.append(contentsOf: chunk[..<count])
                    }
                    close(descriptor)
                }
                done.signal()
            }
        }

        /// Waits for the end; `false` after 30 seconds.
        func wait() -> Bool { done.wait(timeout: .now() + 30) == .success }
    }

    @Test func aFIFOIsWrittenThroughAndStaysAFIFO() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.path("report.fifo"), spare = folder.path("same-fifo")
        #expect(mkfifo(path, 0o600) == 0)
        #expect(link(path, spare) == 0)
        let reader = FIFOReader(path)
        try JSONReportFile.write(Self.report, to: path)
        if Self.fileType(path) != S_IFIFO {
            // The FIFO was replaced: end the reader through the FIFO's other name.
            close(open(spare, O_WRONLY | O_NONBLOCK))
        }
        #expect(reader.wait())
        #expect(reader.data == (try Self.expectedJSON()))
        #expect(Self.fileType(path) == S_IFIFO)
        #expect(try folder.names() == ["report.fifo", "same-fifo"])
    }

    @Test(arguments: ["report.json", "report.junit.xml", "report.html"])
    func aNewFileIsReadableByItsOwnerOnly(name: String) throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.path(name)
        if name.hasSuffix(".json") {
            try JSONReportFile.write(Self.report, to: path)
        } else {
            try ReportFileWriter(path: path).write(Data("report".utf8))
        }
        #expect(Self.permissions(path) == 0o600)
        #expect(try folder.names() == [name])
    }

    @Test func anExistingFileKeepsItsMode() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.path("report.json")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o640) == 0)
        try JSONReportFile.write(Self.report, to: path)
        #expect(Self.permissions(path) == 0o640)
        #expect(FileManager.default.contents(atPath: path) == (try Self.expectedJSON()))
    }

    struct Interrupted: Error {}

    @Test func aFailedWriteLeavesTheTargetAsItWasAndNoTemporary() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let path = folder.path("report.sarif")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: Interrupted.self) {
            try ReportFileWriter(path: path).write { sink in
                try Data(repeating: UInt8(ascii: "x"), count: 100_000).withUnsafeBytes { try sink($0) }
                throw Interrupted()
            }
        }
        var broken = Self.report
        broken.results[0].evidence["bad"] = .number(.nan)
        #expect(throws: EncodingError.self) { try JSONReportFile.write(broken, to: path) }
        #expect(FileManager.default.contents(atPath: path) == Data("old".utf8))
        #expect(try folder.names() == ["report.sarif"])
    }

    @Test func aFolderIsAWriteError() throws {
        let folder = try Folder()
        defer { folder.remove() }
        #expect(throws: ReportWriteError(path: folder.url.path)) { try ReportFileWriter(path: folder.url.path).write(Data()) }
        #expect(try folder.names() == [])
    }
}
