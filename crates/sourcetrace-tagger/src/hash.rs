//! Feature hashing shared by the taggers: FNV-1a over a feature template and
//! its values, folded to 32 bits. Changing it changes every feature index, so
//! it is part of the feature version of both model files.

/// Incremental FNV-1a over a template and its values.
#[derive(Clone, Copy)]
pub(crate) struct H(u64);

impl H {
    pub(crate) fn new(template: &str) -> H {
        H(0xcbf2_9ce4_8422_2325).s(template)
    }
    pub(crate) fn s(self, x: &str) -> H {
        let mut h = self.0 ^ 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
        for b in x.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        H(h)
    }
    pub(crate) fn n(self, x: u64) -> H {
        let mut h = self.0;
        for b in x.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        H(h)
    }
    pub(crate) fn done(self) -> u32 {
        let h = self.0 ^ (self.0 >> 29);
        (h ^ (h >> 32)) as u32
    }
}
