"""click's own messages in French: its refusals, help marks and prompts.

click writes its texts in English through :mod:`gettext` (``_("...")``, ``ngettext``);
:mod:`salespipe.cli.click_texts` hands click the French text of this section in their
place when the command speaks French. Each code is ``click.`` followed by click's English
text as written in its source (its msgid), and the English of each entry is that text
unchanged; a plural has two entries, the singular msgid and the plural msgid.
tests/cli/test_click_texts.py reads the installed click's source and fails when one of
its texts has no entry here. Values click quotes itself ('nope', 'text', '--format') keep
click's quotes in both languages. The word click puts before a path it refuses
(« File », « Directory », « Path ») is chosen when a command is declared, in English, so
the French of those messages goes without it: « 'x' n'existe pas. »
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from salespipe.core.texts import Entry

TEXTS: dict[str, Entry] = {
    # --- refusals of the command line (exceptions.py, parser.py, core.py) -------------------
    "click.Error: {message}": ("Erreur : {message}", "Error: {message}"),
    "click.Try '{command} {option}' for help.": (
        "Essayez '{command} {option}' pour l'aide.",
        "Try '{command} {option}' for help.",
    ),
    "click.Invalid value for {param_hint}: {message}": (
        "Valeur invalide pour {param_hint} : {message}",
        "Invalid value for {param_hint}: {message}",
    ),
    "click.Invalid value: {message}": ("Valeur invalide : {message}", "Invalid value: {message}"),
    "click.Missing argument": ("Il manque l'argument", "Missing argument"),
    "click.Missing option": ("Il manque l'option", "Missing option"),
    "click.Missing parameter": ("Il manque le paramètre", "Missing parameter"),
    "click.Missing {param_type}": ("Il manque : {param_type}", "Missing {param_type}"),
    "click.Missing parameter: {param_name}": (
        "Il manque le paramètre : {param_name}",
        "Missing parameter: {param_name}",
    ),
    "click.No such option {name!r}.": ("Option inconnue : {name!r}.", "No such option {name!r}."),
    "click.No such command {name!r}.": (
        "Commande inconnue : {name!r}.",
        "No such command {name!r}.",
    ),
    "click.Did you mean {possibility}?": (
        "Vouliez-vous dire {possibility} ?",
        "Did you mean {possibility}?",
    ),
    "click.(Did you mean one of: {possibilities}?)": (
        "(Vouliez-vous dire l'une de celles-ci : {possibilities} ?)",
        "(Did you mean one of: {possibilities}?)",
    ),
    "click.Could not open file {filename!r}: {message}": (
        "Impossible d'ouvrir le fichier {filename!r} : {message}",
        "Could not open file {filename!r}: {message}",
    ),
    "click.unknown error": ("erreur inconnue", "unknown error"),
    "click.Missing command.": ("Il manque la commande.", "Missing command."),
    "click.Got unexpected extra argument ({args})": (
        "Argument en trop inattendu ({args})",
        "Got unexpected extra argument ({args})",
    ),
    "click.Got unexpected extra arguments ({args})": (
        "Arguments en trop inattendus ({args})",
        "Got unexpected extra arguments ({args})",
    ),
    "click.Takes {nargs} values but 1 was given.": (
        "Attend {nargs} valeurs, mais 1 a été donnée.",
        "Takes {nargs} values but 1 was given.",
    ),
    "click.Takes {nargs} values but {len} were given.": (
        "Attend {nargs} valeurs, mais {len} ont été données.",
        "Takes {nargs} values but {len} were given.",
    ),
    "click.Value must be an iterable.": (
        "La valeur doit être une suite de valeurs.",
        "Value must be an iterable.",
    ),
    "click.Aborted!": ("Interrompu !", "Aborted!"),
    "click.Invalid start character for option ({option})": (
        "Caractère initial invalide pour une option ({option})",
        "Invalid start character for option ({option})",
    ),
    "click.Option {name!r} does not take a value.": (
        "L'option {name!r} ne prend pas de valeur.",
        "Option {name!r} does not take a value.",
    ),
    "click.Option {name!r} requires an argument.": (
        "L'option {name!r} demande une valeur.",
        "Option {name!r} requires an argument.",
    ),
    "click.Option {name!r} requires {nargs} arguments.": (
        "L'option {name!r} demande {nargs} valeurs.",
        "Option {name!r} requires {nargs} arguments.",
    ),
    "click.Argument {name!r} takes {nargs} values.": (
        "L'argument {name!r} prend {nargs} valeurs.",
        "Argument {name!r} takes {nargs} values.",
    ),
    # --- values refused by a parameter's type (types.py) -----------------------------------
    "click.{value!r} is not {choice}.": (
        "{value!r} n'est pas {choice}.",
        "{value!r} is not {choice}.",
    ),
    "click.{value!r} is not one of {choices}.": (
        "{value!r} n'est pas l'une des valeurs {choices}.",
        "{value!r} is not one of {choices}.",
    ),
    "click.Choose from:\n\t{choices}": (
        "Choisissez parmi :\n\t{choices}",
        "Choose from:\n\t{choices}",
    ),
    "click.Choice({choices})": ("Choix({choices})", "Choice({choices})"),
    "click.{value!r} does not match the format {format}.": (
        "{value!r} ne suit pas le format {format}.",
        "{value!r} does not match the format {format}.",
    ),
    "click.{value!r} does not match the formats {formats}.": (
        "{value!r} ne suit aucun des formats {formats}.",
        "{value!r} does not match the formats {formats}.",
    ),
    "click.{value} is not in the range {range}.": (
        "{value} n'est pas dans l'intervalle {range}.",
        "{value} is not in the range {range}.",
    ),
    "click.{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} n'est pas un booléen valide. Valeurs reconnues : {states}",
        "{value!r} is not a valid boolean. Recognized values: {states}",
    ),
    "click.{len_type} values are required, but {len_value} was given.": (
        "{len_type} valeurs sont demandées, mais {len_value} a été donnée.",
        "{len_type} values are required, but {len_value} was given.",
    ),
    "click.{len_type} values are required, but {len_value} were given.": (
        "{len_type} valeurs sont demandées, mais {len_value} ont été données.",
        "{len_type} values are required, but {len_value} were given.",
    ),
    "click.{value!r} is not a valid {number_type}.": (
        "{value!r} n'est pas un {number_type} valide.",
        "{value!r} is not a valid {number_type}.",
    ),
    "click.{value!r} is not a valid UUID.": (
        "{value!r} n'est pas un UUID valide.",
        "{value!r} is not a valid UUID.",
    ),
    "click.file": ("fichier", "file"),
    "click.directory": ("dossier", "directory"),
    "click.path": ("chemin", "path"),
    "click.{name} {filename!r} is a file.": (
        "{filename!r} est un fichier.",
        "{name} {filename!r} is a file.",
    ),
    "click.{name} {filename!r} is a directory.": (
        "{filename!r} est un dossier.",
        "{name} {filename!r} is a directory.",
    ),
    "click.{name} {filename!r} is not readable.": (
        "{filename!r} ne peut pas être lu.",
        "{name} {filename!r} is not readable.",
    ),
    "click.{name} {filename!r} is not writable.": (
        "{filename!r} ne peut pas être écrit.",
        "{name} {filename!r} is not writable.",
    ),
    "click.{name} {filename!r} is not executable.": (
        "{filename!r} ne peut pas être exécuté.",
        "{name} {filename!r} is not executable.",
    ),
    "click.{name} {filename!r} does not exist.": (
        "{filename!r} n'existe pas.",
        "{name} {filename!r} does not exist.",
    ),
    # --- help pages (core.py, formatting.py, decorators.py) -----------------------------
    "click.Usage:": ("Utilisation :", "Usage:"),
    "click.Options": ("Options", "Options"),
    "click.Commands": ("Commandes", "Commands"),
    "click.Positional arguments": ("Arguments positionnels", "Positional arguments"),
    "click.default: {default}": ("par défaut : {default}", "default: {default}"),
    "click.env var: {var}": ("variable d'environnement : {var}", "env var: {var}"),
    "click.(dynamic)": ("(dynamique)", "(dynamic)"),
    "click.required": ("obligatoire", "required"),
    "click.deprecated": ("obsolète", "deprecated"),
    "click.Show the version and exit.": (
        "Affiche la version et s'arrête.",
        "Show the version and exit.",
    ),
    "click.Show this message and exit.": (
        "Affiche cette aide et s'arrête.",
        "Show this message and exit.",
    ),
    "click.%(prog)s, version %(version)s": (
        "%(prog)s, version %(version)s",
        "%(prog)s, version %(version)s",
    ),
    "click.Do you want to continue?": ("Voulez-vous continuer ?", "Do you want to continue?"),
    "click.Confirm the action without prompting.": (
        "Confirme l'action sans la demander.",
        "Confirm the action without prompting.",
    ),
    "click.DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Avertissement : la commande {name!r} est obsolète.{extra_message}",
        "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    ),
    "click.DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Avertissement : {param_type} {name!r} est obsolète.{extra_message}",
        "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    ),
    # --- prompts and terminal (termui.py, _termui_impl.py, _winconsole.py) ------------------
    "click.Press any key to continue...": (
        "Appuyez sur une touche pour continuer…",
        "Press any key to continue...",
    ),
    "click.Repeat for confirmation": ("Répétez pour confirmer", "Repeat for confirmation"),
    "click.Error: The two entered values do not match.": (
        "Erreur : les deux valeurs saisies diffèrent.",
        "Error: The two entered values do not match.",
    ),
    "click.Error: invalid input": ("Erreur : saisie invalide", "Error: invalid input"),
    "click.Unknown color {colour!r}": ("Couleur inconnue : {colour!r}", "Unknown color {colour!r}"),
    "click.d": ("j", "d"),
    "click.{editor}: Editing failed": ("{editor} : l'édition a échoué", "{editor}: Editing failed"),
    "click.{editor}: Editing failed: {e}": (
        "{editor} : l'édition a échoué : {e}",
        "{editor}: Editing failed: {e}",
    ),
    "click.Windows error: {error}": ("Erreur Windows : {error}", "Windows error: {error}"),
    "click.Unknown standard stream '{name}'": (
        "Flux standard inconnu : '{name}'",
        "Unknown standard stream '{name}'",
    ),
    # --- mistakes of a program's author, not of its user (core.py, shell_completion.py) --
    "click.Could not determine name for option with declarations {decls!r}": (
        "Impossible de déterminer le nom de l'option déclarée par {decls!r}",
        "Could not determine name for option with declarations {decls!r}",
    ),
    "click.No options defined but a name was passed ({name}). Did you mean to declare an "
    "argument instead? Did you mean to pass '--{name}'?": (
        "Aucune option définie, mais un nom a été donné ({name}). Vouliez-vous déclarer un "
        "argument ? Vouliez-vous passer '--{name}' ?",
        "No options defined but a name was passed ({name}). Did you mean to declare an "
        "argument instead? Did you mean to pass '--{name}'?",
    ),
    "click.Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "Un argument prend exactement une déclaration, reçu {length} : {decls}.",
        "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    ),
    "click.Name '{name}' defined twice": (
        "Nom '{name}' défini deux fois",
        "Name '{name}' defined twice",
    ),
    "click.Boolean option {decl!r} cannot use the same flag for true/false.": (
        "L'option booléenne {decl!r} ne peut pas utiliser le même drapeau pour vrai et faux.",
        "Boolean option {decl!r} cannot use the same flag for true/false.",
    ),
    "click.Couldn't detect Bash version, shell completion is not supported.": (
        "Version de Bash introuvable : la complétion n'est pas prise en charge.",
        "Couldn't detect Bash version, shell completion is not supported.",
    ),
    "click.Shell completion is not supported for Bash versions older than 4.4.": (
        "La complétion n'est pas prise en charge pour Bash avant la version 4.4.",
        "Shell completion is not supported for Bash versions older than 4.4.",
    ),
}
