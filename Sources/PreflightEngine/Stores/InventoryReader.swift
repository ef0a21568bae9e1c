/// Something that reads account × region inventories inside one loop over accounts: a rule's check, or the
/// coverage computation.
enum InventoryReader: Hashable, Sendable {
    case rule(id: String)
    case coverage
}
