fn main() {
    yew::Renderer::<article_annotator::App>::new().render();
}
