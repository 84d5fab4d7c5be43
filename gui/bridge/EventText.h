#pragma once
// A run event's sentence in the console's language, rendered from its kind and fields
// (core/RunEvent.h: events are data) the way the engine's renderEvent renders English.
// Kinds whose only field is free text from a lower layer (note, run-launched, ...) and kinds
// this build does not know keep the sentence stored with the event.

#include <QCoreApplication>
#include <QString>

class EventText {
  Q_DECLARE_TR_FUNCTIONS(EventText)

 public:
  // fieldsJson: the event's fields as stored (a JSON object); storedText: its stored sentence.
  static QString describe(const QString& kind, const QString& fieldsJson, const QString& storedText);
};

inline QString describeEvent(const QString& kind, const QString& fieldsJson, const QString& storedText) {
  return EventText::describe(kind, fieldsJson, storedText);
}
