"""The closed word classes the name rules look at: kinship and role words before a name, verbs
after a subject, and function words that are never a name; and the words for people that the
address rules read as no place."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list."""
    return frozenset(text.split())


# Words after which the next word is very likely a person's name ("sambon Erik", "heter erik").
CUES = _words(
    """
    sambo sambon sambos exsambo exsambon make maken makens maka makan makans man mannen
    mannens fru frun hustru hustrun son sonen sonens söner dotter dottern dotterns döttrar
    bror brodern broder brorsan bröder syster systern systerns systrar mamma mamman mammas
    pappa pappan pappas mor modern far fadern mormor morfar farmor farfar moster mostern
    faster fastern morbror farbror kusin kusinen kusiner svåger svägerska svärmor svärfar
    svärson svärdotter styvpappa styvmamma styvson styvdotter pojkvän pojkvännen pojkvännens
    flickvän flickvännen partner partnern ex expojkvän exmake exmaken exfru exfrun fästman
    fästmö vän vännen väninna väninnan kompis kompisen kamrat granne grannen grannar kollega
    kollegan arbetskamrat chef chefen arbetsgivare arbetsledaren mentor mentorn lärare läraren
    tolk tolken kurator kuratorn handläggare handläggaren socialsekreterare läkare läkaren
    sjuksköterska barnmorska advokat advokaten målsägande målsäganden misstänkt misstänkte
    vittne vittnet anmälare uppgiftslämnare gärningsman gärningsmannen förövare förövaren
    barnet barnen familjen familjerna heter hette kallas kallad kallade kallar namn namnet
    förnamn efternamn tilltalsnamn stödperson kontaktperson volontär volontären klient
    klienten patient patienten pat sign
    """
)
# A listed name that is also one of this many most frequent words is read as the word after a
# kinship word ("mamman bor", "sonen hemma"), a rarer one as the name ("sonen ask").
COMMON_WORDS = 1000
# Finite verbs that follow a subject: "Björn har …" names a person, "Per telefon …" does not.
SUBJECT_VERBS = _words(
    """
    har hade är var blir blev säger sa sade berättar berättade uppger uppgav vill ville ska
    skulle kan kunde bor bodde ringer ringde kom kommer hotar hotade slog slår tog tar gick
    går jobbar jobbade arbetar arbetade fick får gav ger skickar skickade skrev skriver kallar
    kallade menar tycker tror trodde vet visste nekar nekade förnekar förnekade känner kände
    mår mådde sitter satt träffade träffar pratar pratade mejlade mejlar sms:ade sms:ar hörde
    maila mailar mailade
    hör söker sökte flyttade flyttar lämnade lämnar behöver behövde måste brukar brukade
    verkar verkade ville anmälde anmäler utsätter utsatte kontaktade kontaktar följer följde
    dricker drack använder vägrar vägrade fyller fyllde hämtar hämtade själv också
    stack sticker knuffade knuffar sparkade sparkar kvävde kväver ströp stryper bet biter
    """
)
# Closed-class words that are never a name at the start of a sentence, even if some language has
# them as a name ("Alla", "Man", "Ida").
FUNCTION_WORDS = _words(
    """
    alla allt man den det de dem denna detta dessa han hon hen hennes deras vi ni jag du min
    mitt mina din ditt dina sin sitt sina vår vårt våra er ert era någon något några ingen
    inget inga varje vilken vilket vilka vem vad när hur där här då nu sedan efter före under
    över vid med mot från till om av i på för och men eller att som så ju bara även också inte
    aldrig alltid ofta många flera fler båda bägge samma annan annat andra egen eget egna hela
    mycket lite mer mest mindre minst ena enda dock dessutom kanske vidare enligt utan inom
    mellan bland hos ungefär cirka ca idag igår imorgon mvh hej tack en ett
    """
)

# Cue words after which any word is the name itself ("mannen heter bo"), not a description.
NAMING_CUES = frozenset(
    {"heter", "hette", "kallas", "kallad", "förnamn", "efternamn", "tilltalsnamn"}
)
# Sign-offs before the writer's name ("Hälsn. Lotta", "Mvh Stig").
SIGN_OFFS = frozenset({"hälsn", "hälsningar", "hälsning", "mvh", "vh", "hälsar"})


# People a case text describes by a word and an age: "Kvinna 34, Krokom", "Tjej 23, Östersund".
_PEOPLE = _words(
    """
    kvinna tjej kille pojke flicka elev ungdom brukare dam herre mor far make maka partner
    pojkvän flickvän sökande vittne
    """
)


def a_person(folded: str) -> bool:
    """A word for a person (a kinship or role word too): "Elev 18" is no village and number."""
    return folded in _PEOPLE or folded in CUES
