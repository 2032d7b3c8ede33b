fn main() {
    yew::Renderer::<article_annotator::App>::new().render();
    article_annotator::offline::register_service_worker();
}
