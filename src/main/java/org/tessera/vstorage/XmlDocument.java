package org.tessera.vstorage;

import java.io.ByteArrayOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small XML answer in S3's namespace, written with the JDK's {@link XMLStreamWriter}
 * (which escapes text): {@code element}s open and close around {@code text} leaves.
 */
final class XmlDocument {

	/** S3's namespace. */
	static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

	private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);

	private final XMLStreamWriter writer;

	private XmlDocument(String root, String namespace) {
		try {
			this.writer = FACTORY.createXMLStreamWriter(this.bytes, "UTF-8");
			this.writer.writeStartDocument("UTF-8", "1.0");
			this.writer.writeStartElement(root);
			if (namespace != null) {
				this.writer.writeDefaultNamespace(namespace);
			}
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A document whose root is in S3's namespace. */
	static XmlDocument s3(String root) {
		return new XmlDocument(root, S3_NAMESPACE);
	}

	/** A document whose root has no namespace, as S3's {@code <Error>}. */
	static XmlDocument plain(String root) {
		return new XmlDocument(root, null);
	}

	XmlDocument start(String name) {
		try {
			this.writer.writeStartElement(name);
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return this;
	}

	XmlDocument end() {
		try {
			this.writer.writeEndElement();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return this;
	}

	/** {@code <name>value</name>}; nothing when the value is null. */
	XmlDocument text(String name, Object value) {
		if (value == null) {
			return this;
		}
		try {
			this.writer.writeStartElement(name);
			this.writer.writeCharacters(value.toString());
			this.writer.writeEndElement();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return this;
	}

	byte[] toBytes() {
		try {
			this.writer.writeEndDocument();
			this.writer.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return this.bytes.toByteArray();
	}

}
