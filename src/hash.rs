//! A fast hasher for the replay's own maps (tallies, task counters), whose keys are short strings
//! and numbers. std's SipHash resists crafted collisions, which a playground replaying its user's
//! own scenario in their own tab does not need, and it was a fifth of the replay of a force-update
//! of 1,500 services (docs/performance.md). The multiply-rotate scheme of rustc's FxHasher.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with `FastHasher`.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[derive(Clone, Copy, Default)]
pub struct FastHasher {
    hash: u64,
}

/// An odd constant with well-mixed bits (rustc's `FxHasher` uses it).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut whole = [0u8; 8];
            whole.copy_from_slice(word);
            self.add(u64::from_le_bytes(whole));
        }
        // The last few bytes, one at a time: a copy of an unknown length is a call to memcpy.
        let rest = words.remainder();
        if !rest.is_empty() {
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |word, &b| word << 8 | u64::from(b));
            self.add(word);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash(value: impl Hash) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

    #[test]
    fn keys_that_differ_in_any_part_hash_apart() {
        let keys = [
            hash(("cluster-1", "svc-1")),
            hash(("cluster-1", "svc-2")),
            hash(("cluster-2", "svc-1")),
            hash(("cluster-1svc-1", "")),
            hash(("a-name-longer-than-eight-bytes", 1u32)),
            hash(("a-name-longer-than-eight-bytes", 2u32)),
            hash((7u8, 7u64, 7usize)),
            hash((7u8, 7u64, 8usize)),
            hash((7u8, 8u64, 7usize)),
            hash((8u8, 7u64, 7usize)),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn a_fleets_names_hash_apart() {
        // 5,000 services in 50 clusters, as an imported fleet names them: a hash that loses
        // bits (or instead of xor, say) makes many of them collide.
        let mut seen = std::collections::HashSet::new();
        for i in 0..5000 {
            seen.insert(hash((format!("cluster-{}", i % 50), format!("svc-{i}"))));
        }
        assert_eq!(seen.len(), 5000);
    }

    #[test]
    fn a_map_finds_what_it_holds() {
        let mut map: FastMap<(String, u32), usize> = FastMap::default();
        for i in 0..1000u32 {
            map.insert((format!("svc-{i}"), i % 7), i as usize);
        }
        assert_eq!(map.len(), 1000);
        assert_eq!(map.get(&("svc-999".to_string(), 999 % 7)), Some(&999));
        assert_eq!(map.get(&("svc-999".to_string(), 0)), None);
    }
}
