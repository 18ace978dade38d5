//! SHA-256 fingerprints: of every file in the manifest (to tell what
//! changed and to verify an upload) and of every published note (to tell
//! a corrected note).

use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes` in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
