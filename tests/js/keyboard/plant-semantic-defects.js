// The control of the semantics check: a label not in its name, a radio with no legend, a skipped heading and a wrong lang.
const root = $root("#inherits-french");
const intro = root.querySelector(".cpn-intro");
intro.insertAdjacentHTML("afterend",
  '<div><input id="planted" type="text" aria-label="Autre chose"><label for="planted">Nom du projet</label>' +
  '<fieldset><input type="radio" name="planted-radio" id="planted-radio" aria-label="Oui"><label for="planted-radio">Oui</label></fieldset>' +
  '<h6>Titre planté</h6></div>');
root.querySelector(".cpn-parcours").setAttribute("lang", "de");
