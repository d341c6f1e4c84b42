<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>PinPad</name>
    <message>
        <source>Staff</source>
        <translation>Équipe</translation>
    </message>
    <message>
        <source>Enter the staff PIN</source>
        <translation>Saisissez le code de l’équipe</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 tries left</source>
        <translation>Code erroné. Encore %1 essais</translation>
    </message>
    <message>
        <source>Wrong PIN. 1 try left</source>
        <translation>Code erroné. Encore 1 essai</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in %1</source>
        <translation>Trop de codes erronés. Réessayez dans %1</translation>
    </message>
    <message>
        <source>Digits typed: %1</source>
        <translation>Chiffres saisis : %1</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
</context>
<context>
    <name>StaffCorner</name>
    <message>
        <source>Staff access</source>
        <translation>Accès de l’équipe</translation>
    </message>
</context>
<context>
    <name>StaffOverlay</name>
    <message>
        <source>Staff</source>
        <translation>Équipe</translation>
    </message>
</context>
<context>
    <name>StaffPanel</name>
    <message>
        <source>Running for</source>
        <translation>En marche depuis</translation>
    </message>
    <message>
        <source>Loops done</source>
        <translation>Boucles jouées</translation>
    </message>
    <message>
        <source>Visits today</source>
        <translation>Visites aujourd’hui</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>Présentation</translation>
    </message>
    <message>
        <source>Content hash</source>
        <translation>Empreinte du contenu</translation>
    </message>
    <message>
        <source>Last reload</source>
        <translation>Dernier rechargement</translation>
    </message>
    <message>
        <source>Screen awake</source>
        <translation>Écran maintenu allumé</translation>
    </message>
    <message>
        <source>Staff panel</source>
        <translation>Espace équipe</translation>
    </message>
    <message>
        <source>Last action</source>
        <translation>Dernière action</translation>
    </message>
    <message>
        <source>Visits today by hour</source>
        <translation>Visites du jour par heure</translation>
    </message>
    <message>
        <source>Resume the show</source>
        <translation>Reprendre la présentation</translation>
    </message>
    <message>
        <source>Reload the deck</source>
        <translation>Recharger la présentation</translation>
    </message>
    <message>
        <source>Export statistics to</source>
        <translation>Exporter les statistiques vers</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Documents folder</source>
        <translation>Dossier Documents</translation>
    </message>
    <message>
        <source>Export statistics</source>
        <translation>Exporter les statistiques</translation>
    </message>
    <message>
        <source>Tap again to quit</source>
        <translation>Touchez encore pour quitter</translation>
    </message>
    <message>
        <source>Quit the show</source>
        <translation>Quitter la présentation</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistiques</translation>
    </message>
    <message>
        <source>Wrong PINs</source>
        <translation>Codes erronés</translation>
    </message>
    <message>
        <source>No staff PIN is set: anyone with a keyboard can open this panel. Set one with: kiosk pin set</source>
        <translation>Aucun code d’équipe n’est défini : toute personne munie d’un clavier peut ouvrir cet espace. Pour en définir un : kiosk pin set</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <source>%1 ago: </source>
        <translation>il y a %1 : </translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 j %2 h</translation>
    </message>
    <message>
        <source>%1 events written to %2, and the report %3</source>
        <translation>%1 événements écrits dans %2, et le rapport %3</translation>
    </message>
    <message>
        <source>%1 events written to %2; the report could not be written (see the log)</source>
        <translation>%1 événements écrits dans %2 ; le rapport n’a pas pu être écrit (voir le journal)</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 since the start, the last %2 ago</source>
        <translation>%1 depuis le démarrage, le dernier il y a %2</translation>
    </message>
    <message>
        <source>Choose a folder first.</source>
        <translation>Choisissez d’abord un dossier.</translation>
    </message>
    <message>
        <source>cannot open the database: %1</source>
        <translation>impossible d’ouvrir la base : %1</translation>
    </message>
    <message>
        <source>cannot write to %1</source>
        <translation>impossible d’écrire dans %1</translation>
    </message>
    <message>
        <source>cannot write to its folder</source>
        <translation>impossible d’écrire dans son dossier</translation>
    </message>
    <message>
        <source>export failed (see the log)</source>
        <translation>échec de l’export (voir le journal)</translation>
    </message>
    <message>
        <source>export failed: the drive is full</source>
        <translation>échec de l’export : la clé est pleine</translation>
    </message>
    <message>
        <source>export failed: the drive is read-only</source>
        <translation>échec de l’export : la clé est en lecture seule</translation>
    </message>
    <message>
        <source>export failed: the folder cannot be written to</source>
        <translation>échec de l’export : impossible d’écrire dans ce dossier</translation>
    </message>
    <message>
        <source>export failed: the folder is gone (was the drive taken out?)</source>
        <translation>échec de l’export : le dossier a disparu (la clé a-t-elle été retirée ?)</translation>
    </message>
    <message>
        <source>it was made by a newer kiosk; it is left as it is</source>
        <translation>elle vient d’une version plus récente de kiosk ; elle est laissée telle quelle</translation>
    </message>
    <message>
        <source>kept on by %1</source>
        <translation>maintenu allumé par %1</translation>
    </message>
    <message>
        <source>no PIN set</source>
        <translation>aucun code défini</translation>
    </message>
    <message>
        <source>no deck file to reload</source>
        <translation>aucun fichier de présentation à recharger</translation>
    </message>
    <message>
        <source>none since the start</source>
        <translation>aucun depuis le démarrage</translation>
    </message>
    <message>
        <source>not asked yet</source>
        <translation>pas encore demandé</translation>
    </message>
    <message>
        <source>not recorded: %1</source>
        <translation>non enregistrées : %1</translation>
    </message>
    <message>
        <source>not reloaded (see the log)</source>
        <translation>non rechargé (voir le journal)</translation>
    </message>
    <message>
        <source>not reloaded: %1 could not be read (see the log)</source>
        <translation>non rechargé : %1 illisible (voir le journal)</translation>
    </message>
    <message>
        <source>not reloaded: %1 has no slide to show</source>
        <translation>non rechargé : %1 n’a aucune diapositive à montrer</translation>
    </message>
    <message>
        <source>not reloaded: %1 not found</source>
        <translation>non rechargé : %1 introuvable</translation>
    </message>
    <message>
        <source>not reloaded: an error in %1 at line %2 (%3 in all; see the log)</source>
        <translation>non rechargé : une erreur dans %1 à la ligne %2 (%3 en tout ; voir le journal)</translation>
    </message>
    <message>
        <source>not requested</source>
        <translation>non demandé</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivées</translation>
    </message>
    <message>
        <source>off in the settings</source>
        <translation>désactivées dans les réglages</translation>
    </message>
    <message>
        <source>pad locked for %1 more</source>
        <translation>clavier bloqué encore %1</translation>
    </message>
    <message>
        <source>recording</source>
        <translation>enregistrées</translation>
    </message>
    <message>
        <source>released</source>
        <translation>libéré</translation>
    </message>
    <message>
        <source>reloaded %1: %2 slides (%3)</source>
        <translation>rechargé %1 : %2 diapositives (%3)</translation>
    </message>
    <message>
        <source>reloaded %1: %2 slides (%3), warnings: %4</source>
        <translation>rechargé %1 : %2 diapositives (%3), avertissements : %4</translation>
    </message>
    <message>
        <source>stopped by an internal error (see the log)</source>
        <translation>arrêtées par une erreur interne (voir le journal)</translation>
    </message>
    <message>
        <source>stopped with the show</source>
        <translation>arrêtées avec la présentation</translation>
    </message>
    <message>
        <source>the database cannot be written (see the log)</source>
        <translation>impossible d’écrire dans la base (voir le journal)</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>le disque est plein</translation>
    </message>
    <message>
        <source>the screen may blank: nothing here keeps it on (see the log)</source>
        <translation>l’écran peut s’éteindre : rien ici ne le garde allumé (voir le journal)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>waiting: the database is locked by another program</source>
        <translation>en attente : la base est verrouillée par un autre programme</translation>
    </message>
</context>
</TS>
