import NetworkPath
import Testing

@Suite struct IPv4BlockTests {
    @Test func parsesBlocksAndAddressesAndClearsHostBits() {
        #expect(IPv4Block("10.0.0.0/16")?.description == "10.0.0.0/16")
        #expect(IPv4Block("10.0.3.7/16")?.description == "10.0.0.0/16")
        #expect(IPv4Block("192.168.1.5")?.description == "192.168.1.5/32")
        #expect(IPv4Block("0.0.0.0/0") == .everywhere)
    }

    @Test func refusesWhatIsNotAnIPv4Block() {
        for text in ["", "10.0.0/8", "10.0.0.256/8", "10.0.0.0/33", "10.0.0.0/", "::/0", "2001:db8::/32", "a.b.c.d/8",
                     "10.0.0.0/8/8", "10.0.0.0/+8"] {
            #expect(IPv4Block(text) == nil, "\(text)")
        }
    }

    @Test func containmentIsOfWholeBlocks() {
        let vpc = IPv4Block("10.0.0.0/16")!
        #expect(vpc.contains(IPv4Block("10.0.2.0/24")!))
        #expect(vpc.contains(IPv4Block("10.0.255.255")!))
        #expect(!vpc.contains(IPv4Block("10.1.0.0/24")!))
        #expect(!vpc.contains(IPv4Block("10.0.0.0/8")!), "a smaller prefix is a larger block")
        #expect(IPv4Block.everywhere.contains(vpc))
        #expect(!vpc.contains(.everywhere))
    }
}
