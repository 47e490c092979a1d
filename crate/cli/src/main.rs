fn main() {
    println!("waspada {}", env!("CARGO_PKG_VERSION"));
}
