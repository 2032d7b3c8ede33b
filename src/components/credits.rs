use yew::prelude::*;

/// Where the data behind the analysis comes from, with licences.
#[function_component(Credits)]
pub fn credits() -> Html {
    html! {
        <footer class="credits">
            <details data-testid="credits">
                <summary>{ "Data credits" }</summary>
                <p>{ "The analysis runs entirely in this page. Its name model and lists were built from these data sets (details in the repository's crates/engine/MODEL.md):" }</p>
                <ul>
                    <li>{ "CoNLL-2003 English named-entity annotations (University of Antwerp) on Reuters news (Reuters Corpus RCV1, 1996–97): the name model's weights derive from this research data." }</li>
                    <li>{ "Word clusters distilled from the word vectors of spaCy's en_core_web_md 3.8.0 (Explosion; the package under the MIT licence, its vectors CC0)." }</li>
                    <li>{ "Contains data from GeoNames (geonames.org), CC BY 4.0: countries, capitals and cities, filtered of ordinary words." }</li>
                    <li>{ "Nationality adjectives from i18n-nationality (MIT licence)." }</li>
                    <li>{ "First names from the US Social Security Administration's baby-name data (public domain)." }</li>
                    <li>{ "Company legal-form terms from cleanco (Paul Solin, MIT licence)." }</li>
                </ul>
            </details>
        </footer>
    }
}
