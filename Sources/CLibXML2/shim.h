#ifndef PREFLIGHT_CLIBXML2_SHIM_H
#define PREFLIGHT_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; its headers would pull the system's ICU headers into this module, which
   clash with the ICU copy Foundation ships. Nothing here uses libxml2's ICU converters, so leave them out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#endif
