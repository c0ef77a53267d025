import { Document, Image, Page, StyleSheet, Text, View } from '@react-pdf/renderer';

/** An image react-pdf can embed without touching the network or the file system. */
export interface AttestationImage {
  readonly data: Buffer;
  readonly format: 'png' | 'jpg';
}

export interface AttestationDocumentProps {
  readonly title: string;
  /** Body paragraphs, tags already replaced. */
  readonly paragraphs: readonly string[];
  readonly procedureTitle: string;
  readonly tenantName: string;
  readonly dossierNumber: number;
  readonly usagerName: string;
  /** Already formatted, e.g. "28 novembre 2026". */
  readonly decidedOn: string;
  readonly logo?: AttestationImage;
  readonly signature?: AttestationImage;
  readonly footer?: string;
}

const colors = { text: '#161616', muted: '#666666', rule: '#dddddd' };

// Built-in PDF fonts only: nothing to download, nothing to embed.
const styles = StyleSheet.create({
  page: {
    paddingTop: 48,
    paddingBottom: 72,
    paddingHorizontal: 56,
    fontFamily: 'Helvetica',
    fontSize: 11,
    color: colors.text,
  },
  header: { minHeight: 60, marginBottom: 28, flexDirection: 'row', alignItems: 'center' },
  logo: { maxHeight: 72, maxWidth: 180, objectFit: 'contain' },
  tenantName: { fontFamily: 'Helvetica-Bold', fontSize: 13 },
  title: { fontFamily: 'Helvetica-Bold', fontSize: 18, textAlign: 'center', marginBottom: 18 },
  reference: { borderTopWidth: 1, borderBottomWidth: 1, borderColor: colors.rule, paddingVertical: 8, marginBottom: 20 },
  procedureTitle: { fontFamily: 'Helvetica-Bold' },
  // Line height stays off the page style: inherited by the footer's render prop, it makes
  // react-pdf 4.9 drop the footer text.
  paragraph: { marginBottom: 9, lineHeight: 1.45, textAlign: 'justify' },
  closing: { marginTop: 24, alignItems: 'flex-end' },
  signature: { marginTop: 8, maxHeight: 90, maxWidth: 200, objectFit: 'contain' },
  footer: { position: 'absolute', bottom: 28, left: 56, right: 56, fontSize: 8, color: colors.muted, textAlign: 'center' },
});

export function AttestationDocument(props: AttestationDocumentProps) {
  const reference = `Dossier n° ${String(props.dossierNumber)}`;
  return (
    <Document
      title={props.title}
      subject={`${props.procedureTitle} — ${reference}`}
      author={props.tenantName}
      creator="Guichet"
      producer="Guichet"
      language="fr-FR"
    >
      <Page size="A4" style={styles.page}>
        <View style={styles.header}>
          {props.logo ? <Image style={styles.logo} src={props.logo} /> : <Text style={styles.tenantName}>{props.tenantName}</Text>}
        </View>

        <Text style={styles.title}>{props.title}</Text>

        <View style={styles.reference}>
          <Text style={styles.procedureTitle}>{props.procedureTitle}</Text>
          <Text>{reference}</Text>
          <Text>Demandeur : {props.usagerName}</Text>
        </View>

        {props.paragraphs.map((paragraph, index) => (
          <Text key={index} style={styles.paragraph}>
            {paragraph}
          </Text>
        ))}

        <View style={styles.closing} wrap={false}>
          <Text>Fait le {props.decidedOn}</Text>
          {props.signature ? <Image style={styles.signature} src={props.signature} /> : null}
        </View>

        <Text
          style={styles.footer}
          fixed
          render={({ pageNumber, totalPages }) => {
            const pages = totalPages > 1 ? `Page ${String(pageNumber)} / ${String(totalPages)}` : '';
            return [props.footer ?? '', pages].filter((part) => part !== '').join('\n');
          }}
        />
      </Page>
    </Document>
  );
}
