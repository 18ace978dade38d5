fn main() -> std::process::ExitCode {
    // mimalloc 3 gives memory freed back to the system a second after it is
    // freed; a build frees and makes hundreds of megabytes in a second, so
    // its peak was 30-40 MiB higher at 10,000 issues than with 10 ms
    // (mimalloc 2's default), for about the same time.
    // SAFETY: sets a number mimalloc reads when it next gives memory back.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
    gongkai::cli::main()
}

/// `mi_option_purge_delay` in mimalloc.h; the bindings name no constant for it.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

// glibc's allocator took a fifth of a large build's CPU time (many small
// strings made by several threads); mimalloc takes a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(test)]
mod tests {
    /// The bindings number mimalloc's options by hand: a newer mimalloc
    /// with another option at this place would make main set that one.
    #[test]
    fn purge_delay_is_the_option_main_sets() {
        // SAFETY: reads an option.
        let default = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        // mimalloc 3's default purge delay, unless the environment sets one.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(default, 1000);
        }
    }
}
