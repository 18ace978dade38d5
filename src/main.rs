fn main() -> std::process::ExitCode {
    gongkai::cli::main()
}

// glibc's allocator took a fifth of a large build's CPU time (many small
// strings made by several threads); mimalloc takes a fraction of that.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
