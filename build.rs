//! Embeds every scenario in `scenarios/` into the binary, so a copied binary plays anywhere.

use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=scenarios");
    let mut entries: Vec<String> = fs::read_dir("scenarios")
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .map(|p| {
                    p.file_name()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    let mut out = String::from(
        "/// Shipped scenarios: (file name, text).\npub const SHIPPED: &[(&str, &str)] = &[\n",
    );
    for name in &entries {
        println!("cargo:rerun-if-changed=scenarios/{name}");
        out.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/scenarios/{name}\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shipped.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
