fn main() -> std::process::ExitCode {
    gongkai::cli::main()
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
