//! Generates a Rust crate from an AWS service model.
pub fn demo() -> String {
    let t = quote::quote! { pub struct A { pub r#type: Option<String> } };
    let f: syn::File = syn::parse2(t).unwrap();
    prettyplease::unparse(&f)
}
#[test]
fn t() { println!("{}", demo()); }
