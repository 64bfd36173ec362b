#pragma once

#include <QLabel>
#include <QStringList>
#include <QTextDocument>

// Returns the object names of labels under root that would render their current text as rich
// text: an empty list means every label shows its text literally.
inline QStringList labelsRenderingRichText(const QWidget &root)
{
    QStringList offenders;
    for (const QLabel *label : root.findChildren<QLabel *>()) {
        const bool rich = label->textFormat() == Qt::RichText
            || (label->textFormat() == Qt::AutoText && Qt::mightBeRichText(label->text()));
        if (rich) {
            offenders.append(label->objectName() + QLatin1Char('=') + label->text());
        }
    }
    return offenders;
}
