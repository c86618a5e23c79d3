// Generated from Unicode's canonical decompositions (Python unicodedata, NFD, first letter,
// lower case): for each code point of the two Latin blocks Vietnamese letters live in, the ASCII
// letter it folds to, or "." where it has none. Tests check it against Foundation's decomposition.
// Kept as data so that no process pays for computing it at start-up.
extension FoldTable {
    static let latinFolds: [(first: UInt32, folds: String)] = [
        (
            0x00C0,
            "aaaaaa.ceeeeiiiidnooooo..uuuuy..aaaaaa.ceeeeiiiidnooooo..uuuuy.yaaaaaaccccccccddddeeeeeeeeeegggg"
                + "gggghh..iiiiiiiii...jjkk.llllll....nnnnnn...oooooo..rrrrrrsssssssstttt..uuuuuuuuuuuuwwyyyzzzzzz."
                + "................................oo.............uu............................aaiioouuuuuuuuuu.aa"
                + "aa....ggkkoooo..j...gg..nnaa....aaaaeeeeiiiioooorrrruuuusstt..hh......aaeeooooooooyy............"
                + "................"
        ),
        (
            0x1E00,
            "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrr"
                + "ssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwy......aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
                + "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......"
        ),
    ]
}
